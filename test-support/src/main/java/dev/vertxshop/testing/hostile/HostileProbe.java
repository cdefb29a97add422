package dev.vertxshop.testing.hostile;

import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.hostile.RawHttp.RawResponse;
import java.util.Map;

/**
 * Sends hostile requests to one running service and checks each answer ({@link HostileAnswers})
 * and that the service's schema is exactly as it was before the first one ({@link
 * DatabaseSnapshot}); counts what it sent ({@link HostileTally}) and prints the counts on close.
 */
public final class HostileProbe implements AutoCloseable {

  private final RawHttp http;
  private final DatabaseSnapshot database;
  private Map<String, String> before;
  private final HostileTally tally;

  public HostileProbe(String service, int port, TestDatabase database, String schema) {
    this.http = new RawHttp("127.0.0.1", port);
    this.database = new DatabaseSnapshot(database, schema);
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

  @Override
  public void close() {
    tally.print();
    database.close();
  }
}
