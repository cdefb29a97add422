package dev.vertxshop.testing.hostile;

import static org.awaitility.Awaitility.await;

import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.testing.hostile.RawHttp.RawResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sends hostile requests to one running service and checks each answer ({@link HostileAnswers})
 * and that the service's schema is exactly as it was before the first one ({@link
 * DatabaseSnapshot}); counts what it sent ({@link HostileTally}) and prints the counts on close.
 * The first snapshot waits until the service's event consumers, if any, have caught up with their
 * topics: events that earlier tests published would otherwise change the schema meanwhile.
 */
public final class HostileProbe implements AutoCloseable {

  private static final Duration CATCH_UP = Duration.ofSeconds(60);
  private static final Pattern LAG = Pattern.compile("\"(?:lag|retryLag)\":(\\d+)");

  private final RawHttp http;
  private final DatabaseSnapshot database;
  private Map<String, String> before;
  private final HostileTally tally;

  public HostileProbe(String service, int port, TestDatabase database, String schema) {
    this.http = new RawHttp("127.0.0.1", port);
    this.database = new DatabaseSnapshot(database, schema);
    awaitConsumersCaughtUp(service);
    this.before = this.database.take();
    this.tally = new HostileTally(service);
  }

  /** Sends {@code hostile} to {@code endpoint} and checks the answer and the schema. */
  public void check(String endpoint, HostileCase hostile) {
    tally.tried(endpoint);
    RawResponse response = http.send(hostile.request());
    tally.answered(response.status());
    if (hostile.mustReject()) {
      HostileAnswers.assertRejected(hostile.request(), response);
    } else {
      HostileAnswers.assertHarmless(hostile.request(), response);
    }
    Map<String, String> after = database.take();
    if (!after.equals(before)) {
      Map<String, String> changed = before;
      // The next check compares with the changed schema, so that it reports only its own change.
      before = after;
      throw new AssertionError("the schema changed after " + hostile + "\n  before: " + changed + "\n  after: " + after);
    }
  }

  /**
   * Waits until every consumer that {@code GET /admin/events} lists has no lag on its topic and
   * its retry topic (a service without consumers answers 404).
   */
  private void awaitConsumersCaughtUp(String service) {
    HostileRequest status = HostileRequest.of("GET", "/admin/events",
        Map.of("Authorization", TestTokens.bearer(TestTokens.admin())), new byte[0]);
    await("the event consumers of " + service + " caught up")
        .atMost(CATCH_UP)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> caughtUp(http.send(status)));
  }

  private static boolean caughtUp(RawResponse status) {
    if (status.status() == 404) {
      return true;
    }
    String body = new String(status.body(), StandardCharsets.UTF_8);
    return status.status() == 200 && LAG.matcher(body).find() && LAG.matcher(body).results().allMatch(lag -> lag.group(1).equals("0"));
  }

  @Override
  public void close() {
    tally.print();
    database.close();
  }
}
