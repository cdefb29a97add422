package dev.vertxshop.launcher.loadgen;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * What the measured orders got: one count per kind of answer and a latency histogram. Confined to
 * the thread of the run (the event loop that sends the orders); {@link #summary} copies it.
 *
 * <p>Kinds of answer: {@code CONFIRMED}, {@code PENDING} (202, the saga still running) and
 * {@code REJECTED} by reason, all from the order's JSON; 503 (the shop refused the order at once, e.g.
 * with inventory's circuit breaker open); other 4xx and 5xx by status; timeouts (no answer within
 * {@code --timeout}); connection errors (refused, reset, closed); and invalid answers (a 2xx whose
 * body is not an order). Every answer's latency goes into the histogram, whatever its status.
 */
final class Outcomes {

  /** Distinct error messages kept for the summary; further ones are only counted. */
  static final int MAX_ERROR_MESSAGES = 20;

  private long sent;
  private long confirmed;
  private long pending;
  private final Map<String, Long> rejectedByReason = new TreeMap<>();
  private long unavailable;
  private final Map<Integer, Long> clientErrors = new TreeMap<>();
  private final Map<Integer, Long> serverErrors = new TreeMap<>();
  private final Map<Integer, Long> otherStatuses = new TreeMap<>();
  private long timeouts;
  private long connectionErrors;
  private long invalidAnswers;
  private final Map<String, Long> errorMessages = new LinkedHashMap<>();
  private long resent;
  private long resentSameOrder;
  private long resentOtherOrder;
  private long resentFailed;
  // Microseconds, 3 significant digits, growing as needed: a stalled shop still fits.
  private final Histogram latencyMicros = new Histogram(3);

  void sent() {
    sent++;
  }

  /** An HTTP answer to a measured order. */
  void answered(int status, String body, long latencyNanos) {
    recordLatency(latencyNanos);
    if (status == 200 || status == 201 || status == 202) {
      countOrder(body);
    } else if (status == 503) {
      unavailable++;
      error("HTTP 503: " + problemTitle(body));
    } else if (status >= 400 && status < 500) {
      clientErrors.merge(status, 1L, Long::sum);
      error("HTTP " + status + ": " + problemTitle(body));
    } else if (status >= 500) {
      serverErrors.merge(status, 1L, Long::sum);
      error("HTTP " + status + ": " + problemTitle(body));
    } else {
      otherStatuses.merge(status, 1L, Long::sum);
      error("HTTP " + status + " (not an answer the orders API gives)");
    }
  }

  /** A measured order that got no HTTP answer. */
  void failed(Throwable failure) {
    if (failure instanceof TimeoutException) {
      timeouts++;
      error("timeout: no answer within the request timeout");
    } else {
      connectionErrors++;
      error(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
  }

  /** The answer to a second request with the same Idempotency-Key: the same order, another, or no order. */
  void resendAnswered(String firstOrderId, String repeatOrderId) {
    resent++;
    if (repeatOrderId == null) {
      resentFailed++;
    } else if (repeatOrderId.equals(firstOrderId)) {
      resentSameOrder++;
    } else {
      resentOtherOrder++;
      error("Idempotency-Key repeat answered order " + repeatOrderId + " instead of " + firstOrderId);
    }
  }

  private void countOrder(String body) {
    JsonObject order;
    try {
      order = new JsonObject(body);
    } catch (RuntimeException notJson) {
      invalidAnswers++;
      error("an order answer that is not JSON");
      return;
    }
    String status = String.valueOf(order.getValue("status"));
    switch (status) {
      case "CONFIRMED" -> confirmed++;
      case "PENDING" -> pending++;
      case "REJECTED" -> rejectedByReason.merge(String.valueOf(order.getValue("reason")), 1L, Long::sum);
      default -> {
        invalidAnswers++;
        error("an order answer with status " + status);
      }
    }
  }

  /** The order id of a 2xx order answer, or null. */
  static String orderId(int status, String body) {
    if (status < 200 || status > 299 || body == null) {
      return null;
    }
    try {
      return new JsonObject(body).getString("orderId");
    } catch (RuntimeException notAnOrder) {
      return null;
    }
  }

  private static String problemTitle(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    try {
      JsonObject problem = new JsonObject(body);
      String title = problem.getString("title", "");
      String detail = problem.getString("detail");
      return detail == null ? title : title + " (" + detail + ")";
    } catch (RuntimeException notJson) {
      return body.length() > 80 ? body.substring(0, 80) + "..." : body;
    }
  }

  private void recordLatency(long latencyNanos) {
    latencyMicros.recordValue(Math.max(0, latencyNanos / 1_000));
  }

  private void error(String message) {
    if (errorMessages.containsKey(message) || errorMessages.size() < MAX_ERROR_MESSAGES) {
      errorMessages.merge(message, 1L, Long::sum);
    }
  }

  long sentCount() {
    return sent;
  }

  long answeredOrFailed() {
    return confirmed + pending + rejected() + unavailable + sum(clientErrors) + sum(serverErrors) + sum(otherStatuses)
        + timeouts + connectionErrors + invalidAnswers;
  }

  private long rejected() {
    return sum(rejectedByReason);
  }

  private static long sum(Map<?, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A copy of the counts so far, with the run's timing. */
  Summary summary(Summary.Run run) {
    Summary.Latency latency = new Summary.Latency(
        run.fixedRate() ? Summary.Latency.FROM_INTENDED_SEND : Summary.Latency.FROM_ACTUAL_SEND,
        latencyMicros.getTotalCount(),
        millis(latencyMicros.getMinValue()),
        latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMean() / 1000.0,
        millis(latencyMicros.getValueAtPercentile(50)),
        millis(latencyMicros.getValueAtPercentile(90)),
        millis(latencyMicros.getValueAtPercentile(99)),
        millis(latencyMicros.getValueAtPercentile(99.9)),
        millis(latencyMicros.getMaxValue()));
    Summary.Counts counts = new Summary.Counts(
        sent, confirmed, pending, new TreeMap<>(rejectedByReason), unavailable,
        new TreeMap<>(clientErrors), new TreeMap<>(serverErrors), new TreeMap<>(otherStatuses),
        timeouts, connectionErrors, invalidAnswers);
    Summary.Idempotency idempotency = new Summary.Idempotency(resent, resentSameOrder, resentOtherOrder, resentFailed);
    return new Summary(run, counts, latency, idempotency, new LinkedHashMap<>(errorMessages));
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
