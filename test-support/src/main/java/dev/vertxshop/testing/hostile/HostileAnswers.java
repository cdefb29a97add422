package dev.vertxshop.testing.hostile;

import dev.vertxshop.testing.hostile.RawHttp.RawResponse;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every answer to a hostile request must look like: a 4xx RFC 9457 problem ({@code
 * application/problem+json}, with {@code type}, {@code title} and the same {@code status}), and
 * nothing in it that describes the server's insides (exception class names, stack frames, driver
 * messages).
 */
public final class HostileAnswers {

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d{3})");
  private static final List<String> LEAKS = List.of(
      "Exception", "\tat ", "java.lang", "java.util", "io.vertx.", "io.netty.", "dev.vertxshop.", "org.postgresql",
      "com.fasterxml", "PSQL", "SQLSTATE", "stack", "Caused by");

  private HostileAnswers() {}

  /** Fails unless {@code response} is a 4xx problem that leaks nothing. */
  public static void assertRejected(HostileRequest request, RawResponse response) {
    if (response.status() < 400 || response.status() > 499) {
      throw failure(request, response, "expected a 4xx answer");
    }
    assertProblem(request, response);
  }

  /**
   * Fails if {@code response} is a 5xx, a 4xx that is not a problem, or leaks anything; a 2xx or 3xx
   * passes (for requests whose hostile parts the endpoint may rightly ignore, such as an unknown
   * query parameter).
   */
  public static void assertHarmless(HostileRequest request, RawResponse response) {
    if (response.status() >= 500) {
      throw failure(request, response, "a 5xx answer");
    }
    if (response.status() >= 400) {
      assertProblem(request, response);
    } else {
      assertNoLeak(request, response);
    }
  }

  private static void assertProblem(HostileRequest request, RawResponse response) {
    String type = response.header("content-type");
    if (!"application/problem+json".equals(type)) {
      throw failure(request, response, "content type " + type + " instead of application/problem+json");
    }
    String body = response.bodyText();
    var status = STATUS.matcher(body);
    if (!body.startsWith("{") || !body.contains("\"type\":\"") || !body.contains("\"title\":\"") || !status.find()
        || Integer.parseInt(status.group(1)) != response.status()) {
      throw failure(request, response, "not a problem with type, title and the answer's status");
    }
    assertNoLeak(request, response);
  }

  private static void assertNoLeak(HostileRequest request, RawResponse response) {
    String body = response.bodyText();
    for (String leak : LEAKS) {
      if (body.contains(leak)) {
        throw failure(request, response, "the body shows '" + leak + "'");
      }
    }
  }

  private static AssertionError failure(HostileRequest request, RawResponse response, String what) {
    return new AssertionError(what + "\n  request: " + request + "\n  answer: " + response.raw());
  }
}
