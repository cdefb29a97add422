package dev.vertxshop.launcher.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;

/**
 * What a load run measured, as a table for people ({@link #toTable}) and as JSON for scripts
 * ({@link #toJson}); also the one-line progress report ({@link #progressLine}). Only measured orders
 * count: those of the warm-up are left out, and so are the repeats sent with the same
 * Idempotency-Key (they have a section of their own).
 *
 * <p>The JSON fields, which scripts may rely on:
 * <pre>
 * target                the orders base URL
 * model                 "fixed-rate" (open model) or "concurrency" (closed model)
 * rate, concurrency     orders/s asked for, or orders kept in flight; the other one is null
 * warmupSeconds         the warm-up left out of every figure
 * elapsedSeconds        from the end of the warm-up to the last answer (or to now, while running)
 * sendingSeconds        from the first measured order sent to the last one
 * finished              false in a summary taken while the run goes on
 * orders.sent           measured orders sent
 * orders.answered       of those, orders that got an HTTP answer (any status)
 * orders.confirmed, .pending        201 CONFIRMED; 202 PENDING (the saga still running)
 * orders.rejected, .rejectedByReason  201 REJECTED, in total and by the order's reason
 * orders.unavailable    503 (the shop refused at once, e.g. a circuit breaker open)
 * orders.clientErrors, .serverErrors, .otherStatuses  other 4xx, other 5xx, anything else: {"status": count}
 * orders.timeouts       no answer within the request timeout
 * orders.connectionErrors  refused, reset or closed connections
 * orders.invalidAnswers a 2xx whose body is not an order
 * orders.inFlight       sent but neither answered nor failed yet (0 once finished)
 * throughput.sentPerSecond  the pace orders were actually sent at, from the first to the last
 * throughput.completedPerSecond, .confirmedPerSecond
 *                       per elapsed second; completed = confirmed + rejected + pending
 * latencyMs.measuredFrom  "intended-send-time" at a fixed rate (coordinated omission corrected:
 *                       a request that waited for a connection or for a stalled loop counts that
 *                       wait), "actual-send-time" at a fixed concurrency
 * latencyMs.count, .min, .mean, .p50, .p90, .p99, .p999, .max   over every answer, in milliseconds
 * idempotencyRetries.sent, .sameOrder, .otherOrder, .noOrder   repeats with the same key and what they got
 * errors                [{"message", "count"}], the first distinct messages (at most 20)
 * </pre>
 */
public record Summary(Run run, Counts counts, Latency latency, Idempotency idempotency, Map<String, Long> errors) {

  /** How the run was driven, and how long it has measured. */
  public record Run(String target, Double rate, Integer concurrency, double warmupSeconds, double elapsedSeconds,
      double sendingSeconds, boolean finished) {
    boolean fixedRate() {
      return rate != null;
    }

    String model() {
      return fixedRate() ? "fixed-rate" : "concurrency";
    }

    String describe() {
      return fixedRate() ? "fixed rate " + number(rate) + " orders/s" : "concurrency " + concurrency;
    }
  }

  /** The measured orders by outcome. */
  public record Counts(
      long sent,
      long confirmed,
      long pending,
      Map<String, Long> rejectedByReason,
      long unavailable,
      Map<Integer, Long> clientErrors,
      Map<Integer, Long> serverErrors,
      Map<Integer, Long> otherStatuses,
      long timeouts,
      long connectionErrors,
      long invalidAnswers) {

    public long rejected() {
      return sum(rejectedByReason);
    }

    /** Orders the API took: confirmed, rejected or still pending. */
    public long completed() {
      return confirmed + rejected() + pending;
    }

    /** Orders that got an HTTP answer, whatever its status. */
    public long answered() {
      return completed() + unavailable + sum(clientErrors) + sum(serverErrors) + sum(otherStatuses) + invalidAnswers;
    }

    public long inFlight() {
      return sent - answered() - timeouts - connectionErrors;
    }

    /** Answers and failures other than an order. */
    public long errors() {
      return unavailable + sum(clientErrors) + sum(serverErrors) + sum(otherStatuses) + invalidAnswers + timeouts + connectionErrors;
    }

    private static long sum(Map<?, Long> counts) {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Latency percentiles in milliseconds. */
  public record Latency(String measuredFrom, long count, double min, double mean, double p50, double p90, double p99, double p999, double max) {
    static final String FROM_INTENDED_SEND = "intended-send-time";
    static final String FROM_ACTUAL_SEND = "actual-send-time";
  }

  /** Second requests with the same Idempotency-Key, and whether they got the first request's order. */
  public record Idempotency(long sent, long sameOrder, long otherOrder, long noOrder) {}

  /** The pace of sending: the intervals between the first and the last measured order sent. */
  public double sentPerSecond() {
    return counts.sent() > 1 && run.sendingSeconds() > 0 ? (counts.sent() - 1) / run.sendingSeconds() : perSecond(counts.sent());
  }

  public double completedPerSecond() {
    return perSecond(counts.completed());
  }

  public double confirmedPerSecond() {
    return perSecond(counts.confirmed());
  }

  private double perSecond(long count) {
    return run.elapsedSeconds() > 0 ? count / run.elapsedSeconds() : 0;
  }

  /** The summary as JSON; the field names are listed in the class description. */
  public JsonObject toJson() {
    JsonObject rejected = new JsonObject();
    counts.rejectedByReason().forEach(rejected::put);
    return new JsonObject()
        .put("target", run.target())
        .put("model", run.model())
        .put("rate", run.rate())
        .put("concurrency", run.concurrency())
        .put("warmupSeconds", run.warmupSeconds())
        .put("elapsedSeconds", round(run.elapsedSeconds()))
        .put("sendingSeconds", round(run.sendingSeconds()))
        .put("finished", run.finished())
        .put("orders", new JsonObject()
            .put("sent", counts.sent())
            .put("answered", counts.answered())
            .put("confirmed", counts.confirmed())
            .put("pending", counts.pending())
            .put("rejected", counts.rejected())
            .put("rejectedByReason", rejected)
            .put("unavailable", counts.unavailable())
            .put("clientErrors", byStatus(counts.clientErrors()))
            .put("serverErrors", byStatus(counts.serverErrors()))
            .put("otherStatuses", byStatus(counts.otherStatuses()))
            .put("timeouts", counts.timeouts())
            .put("connectionErrors", counts.connectionErrors())
            .put("invalidAnswers", counts.invalidAnswers())
            .put("inFlight", counts.inFlight()))
        .put("throughput", new JsonObject()
            .put("sentPerSecond", round(sentPerSecond()))
            .put("completedPerSecond", round(completedPerSecond()))
            .put("confirmedPerSecond", round(confirmedPerSecond())))
        .put("latencyMs", new JsonObject()
            .put("measuredFrom", latency.measuredFrom())
            .put("count", latency.count())
            .put("min", round(latency.min()))
            .put("mean", round(latency.mean()))
            .put("p50", round(latency.p50()))
            .put("p90", round(latency.p90()))
            .put("p99", round(latency.p99()))
            .put("p999", round(latency.p999()))
            .put("max", round(latency.max())))
        .put("idempotencyRetries", new JsonObject()
            .put("sent", idempotency.sent())
            .put("sameOrder", idempotency.sameOrder())
            .put("otherOrder", idempotency.otherOrder())
            .put("noOrder", idempotency.noOrder()))
        .put("errors", errorList());
  }

  private JsonArray errorList() {
    JsonArray list = new JsonArray();
    errors.forEach((message, count) -> list.add(new JsonObject().put("message", message).put("count", count)));
    return list;
  }

  private static JsonObject byStatus(Map<Integer, Long> counts) {
    JsonObject json = new JsonObject();
    counts.forEach((status, count) -> json.put(Integer.toString(status), count));
    return json;
  }

  /** The summary as a table, for a terminal or a log. */
  public String toTable() {
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "Load: %s against %s, %s s measured%s%n", run.describe(), run.target(),
        number(run.elapsedSeconds()), run.warmupSeconds() > 0 ? " after a " + number(run.warmupSeconds()) + " s warm-up" : ""));
    table.append(String.format(Locale.ROOT, "%n%-44s %9s %8s%n", "Orders", "count", "share"));
    row(table, "sent", counts.sent());
    row(table, "CONFIRMED (201)", counts.confirmed());
    row(table, "REJECTED (201)", counts.rejected());
    counts.rejectedByReason().forEach((reason, count) -> row(table, "  " + reason, count));
    row(table, "PENDING (202)", counts.pending());
    row(table, "503 service unavailable", counts.unavailable());
    counts.clientErrors().forEach((status, count) -> row(table, status + " client error", count));
    counts.serverErrors().forEach((status, count) -> row(table, status + " server error", count));
    counts.otherStatuses().forEach((status, count) -> row(table, status + " unexpected status", count));
    row(table, "timeouts", counts.timeouts());
    row(table, "connection errors", counts.connectionErrors());
    if (counts.invalidAnswers() > 0) {
      row(table, "invalid answers", counts.invalidAnswers());
    }
    if (counts.inFlight() > 0) {
      row(table, "in flight", counts.inFlight());
    }
    table.append(String.format(Locale.ROOT, "%nThroughput (orders/s)   sent %s   completed %s   confirmed %s%n",
        number(sentPerSecond()), number(completedPerSecond()), number(confirmedPerSecond())));
    table.append(String.format(Locale.ROOT, "Latency (ms, from the %s send time, %d answers)%n",
        latency.measuredFrom().equals(Latency.FROM_INTENDED_SEND) ? "intended" : "actual", latency.count()));
    table.append(String.format(Locale.ROOT, "  p50 %s   p90 %s   p99 %s   p99.9 %s   max %s   mean %s%n",
        number(latency.p50()), number(latency.p90()), number(latency.p99()), number(latency.p999()), number(latency.max()),
        number(latency.mean())));
    if (idempotency.sent() > 0) {
      table.append(String.format(Locale.ROOT, "Idempotency-Key repeats   %d sent: %d same order, %d another order, %d no order%n",
          idempotency.sent(), idempotency.sameOrder(), idempotency.otherOrder(), idempotency.noOrder()));
    }
    if (errors.isEmpty()) {
      table.append("Errors: none").append(System.lineSeparator());
    } else {
      table.append("Errors:").append(System.lineSeparator());
      errors.forEach((message, count) -> table.append(String.format(Locale.ROOT, "  %8d  %s%n", count, message)));
    }
    return table.toString();
  }

  private void row(StringBuilder table, String label, long count) {
    String share = counts.sent() > 0 ? String.format(Locale.ROOT, "%.1f %%", 100.0 * count / counts.sent()) : "";
    table.append(String.format(Locale.ROOT, "  %-42s %9d %8s%n", label, count, share));
  }

  /**
   * One line for the live progress report: the time since the start, the phase, orders sent and
   * answered, {@code answeredPerSecond} (the caller's figure for the last interval), the outcomes
   * and p99 so far.
   */
  public String progressLine(double secondsSinceStart, boolean warmingUp, double answeredPerSecond) {
    return String.format(Locale.ROOT,
        "%6.1fs %-8s sent %d  answered %d (%s/s)  confirmed %d  rejected %d  pending %d  errors %d  p99 %s ms",
        secondsSinceStart, warmingUp ? "warm-up" : "measured", counts.sent(), counts.answered(), number(answeredPerSecond),
        counts.confirmed(), counts.rejected(), counts.pending(), counts.errors(), number(latency.p99()));
  }

  private static String number(double value) {
    if (Math.abs(value - Math.rint(value)) < 1e-9 && Math.abs(value) < 1e15) {
      return Long.toString(Math.round(value));
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return new BigDecimal(value).round(new MathContext(3)).toPlainString();
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
