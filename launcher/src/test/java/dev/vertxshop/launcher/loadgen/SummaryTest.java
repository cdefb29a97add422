package dev.vertxshop.launcher.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** How answers are counted, and the summary's table and JSON. */
class SummaryTest {

  private static final String CONFIRMED = "{\"orderId\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"status\":\"CONFIRMED\",\"totalCents\":4980}";
  private static final String DECLINED = "{\"orderId\":\"9b0c5f0e-3f57-4a53-9d0e-2f7f4b8f6c11\",\"status\":\"REJECTED\",\"reason\":\"payment-declined: card_declined\"}";
  private static final String SOLD_OUT = "{\"orderId\":\"16fd2706-8baf-433b-82eb-8c7fada847da\",\"status\":\"REJECTED\",\"reason\":\"insufficient-stock: loadgen-sold-out\"}";
  private static final String PENDING = "{\"orderId\":\"886313e1-3b8a-5372-9b90-0c9aee199e5d\",\"status\":\"PENDING\"}";
  private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"inventory is unavailable\"}";

  private final Outcomes outcomes = new Outcomes();

  @Test
  void countsEachKindOfAnswerOnce() {
    recordOneOfEach();

    Summary.Counts counts = summary(true).counts();

    assertThat(counts.sent()).isEqualTo(12);
    assertThat(counts.confirmed()).isEqualTo(4);
    assertThat(counts.rejectedByReason()).containsOnly(
        Map.entry("payment-declined: card_declined", 2L), Map.entry("insufficient-stock: loadgen-sold-out", 1L));
    assertThat(counts.pending()).isEqualTo(1);
    assertThat(counts.completed()).isEqualTo(8);
    assertThat(counts.unavailable()).isEqualTo(1);
    assertThat(counts.clientErrors()).containsOnly(Map.entry(422, 1L));
    assertThat(counts.serverErrors()).containsOnly(Map.entry(500, 1L));
    assertThat(counts.timeouts()).isEqualTo(1);
    assertThat(counts.connectionErrors()).isZero();
    assertThat(counts.answered()).isEqualTo(11);
    assertThat(counts.inFlight()).isZero();
    assertThat(counts.errors()).isEqualTo(4);
  }

  @Test
  void latencyPercentilesComeFromEveryAnswer() {
    for (int ms = 1; ms <= 1000; ms++) {
      outcomes.sent();
      outcomes.answered(201, CONFIRMED, ms * 1_000_000L);
    }

    Summary.Latency latency = summary(true).latency();

    assertThat(latency.count()).isEqualTo(1000);
    assertThat(latency.min()).isCloseTo(1, within(0.01));
    assertThat(latency.p50()).isCloseTo(500, within(1.0));
    assertThat(latency.p90()).isCloseTo(900, within(1.0));
    assertThat(latency.p99()).isCloseTo(990, within(1.0));
    assertThat(latency.p999()).isCloseTo(999, within(1.0));
    assertThat(latency.max()).isCloseTo(1000, within(1.0));
    assertThat(latency.mean()).isCloseTo(500.5, within(0.5));
    assertThat(latency.measuredFrom()).isEqualTo("intended-send-time");
  }

  @Test
  void aRepeatWithTheSameKeyIsCountedByWhatItGot() {
    outcomes.resendAnswered("a", "a");
    outcomes.resendAnswered("a", "a");
    outcomes.resendAnswered("b", "c");
    outcomes.resendAnswered("d", null);

    Summary summary = summary(true);

    assertThat(summary.idempotency()).isEqualTo(new Summary.Idempotency(4, 2, 1, 1));
    assertThat(summary.errors()).containsKey("Idempotency-Key repeat answered order c instead of b");
  }

  @Test
  void theJsonHasItsDocumentedFields() {
    recordOneOfEach();

    JsonObject json = summary(true).toJson();

    assertThat(json.fieldNames()).containsExactly("target", "model", "rate", "concurrency", "warmupSeconds", "elapsedSeconds",
        "sendingSeconds", "finished", "orders", "throughput", "latencyMs", "idempotencyRetries", "errors");
    assertThat(json.getString("model")).isEqualTo("fixed-rate");
    assertThat(json.getDouble("rate")).isEqualTo(100.0);
    assertThat(json.getValue("concurrency")).isNull();
    JsonObject orders = json.getJsonObject("orders");
    assertThat(orders.fieldNames()).containsExactly("sent", "answered", "confirmed", "pending", "rejected", "rejectedByReason",
        "unavailable", "clientErrors", "serverErrors", "otherStatuses", "timeouts", "connectionErrors", "invalidAnswers", "inFlight");
    assertThat(orders.getLong("sent")).isEqualTo(12);
    assertThat(orders.getLong("rejected")).isEqualTo(3);
    assertThat(orders.getJsonObject("rejectedByReason").getLong("payment-declined: card_declined")).isEqualTo(2);
    assertThat(orders.getJsonObject("clientErrors").getLong("422")).isEqualTo(1);
    assertThat(orders.getJsonObject("serverErrors").getLong("500")).isEqualTo(1);
    assertThat(json.getJsonObject("throughput").fieldNames()).containsExactly("sentPerSecond", "completedPerSecond", "confirmedPerSecond");
    // 12 sent in 1.1 s (11 intervals), 8 completed and 4 confirmed in 2 s.
    assertThat(json.getJsonObject("throughput").getDouble("sentPerSecond")).isEqualTo(10.0);
    assertThat(json.getJsonObject("throughput").getDouble("completedPerSecond")).isEqualTo(4.0);
    assertThat(json.getJsonObject("throughput").getDouble("confirmedPerSecond")).isEqualTo(2.0);
    assertThat(json.getJsonObject("latencyMs").fieldNames()).containsExactly("measuredFrom", "count", "min", "mean", "p50", "p90",
        "p99", "p999", "max");
    assertThat(json.getJsonObject("idempotencyRetries").fieldNames()).containsExactly("sent", "sameOrder", "otherOrder", "noOrder");
    assertThat(json.getJsonArray("errors").getJsonObject(0).fieldNames()).containsExactly("message", "count");
    assertThat(json.getJsonArray("errors").stream().map(error -> ((JsonObject) error).getString("message")))
        .contains("HTTP 503: Service Unavailable (inventory is unavailable)", "timeout: no answer within the request timeout");
  }

  @Test
  void theTableShowsEveryOutcomeWithItsShareAndTheLatencies() {
    recordOneOfEach();

    String table = summary(true).toTable();

    assertThat(table)
        .contains("fixed rate 100 orders/s against http://127.0.0.1:8081")
        .containsPattern("CONFIRMED \\(201\\)\\s+4\\s+33.3 %")
        .containsPattern("payment-declined: card_declined\\s+2\\s+16.7 %")
        .containsPattern("PENDING \\(202\\)\\s+1")
        .containsPattern("503 service unavailable\\s+1")
        .containsPattern("422 client error\\s+1")
        .containsPattern("500 server error\\s+1")
        .containsPattern("timeouts\\s+1")
        .contains("Throughput (orders/s)   sent 10   completed 4   confirmed 2")
        .contains("Latency (ms, from the intended send time, 11 answers)")
        .contains("p99.9");
  }

  @Test
  void theProgressLineShowsThePhaseTheCountsAndTheP99SoFar() {
    recordOneOfEach();

    String line = summary(false).progressLine(12.34, false, 7.5);

    assertThat(line).isEqualTo(
        "  12.3s measured sent 12  answered 11 (7.5/s)  confirmed 4  rejected 3  pending 1  errors 4  p99 10.0 ms");
    assertThat(summary(false).progressLine(1, true, 0)).contains("warm-up");
  }

  @Test
  void noMoreThanTwentyDistinctErrorMessagesAreKeptButAllAreCounted() {
    for (int i = 0; i < 30; i++) {
      outcomes.sent();
      outcomes.failed(new ConnectException("refused " + i));
    }

    Summary summary = summary(true);

    assertThat(summary.errors()).hasSize(Outcomes.MAX_ERROR_MESSAGES);
    assertThat(summary.counts().connectionErrors()).isEqualTo(30);
  }

  private void recordOneOfEach() {
    answer(201, CONFIRMED, 4);
    answer(201, DECLINED, 2);
    answer(201, SOLD_OUT, 1);
    answer(202, PENDING, 1);
    answer(503, PROBLEM, 1);
    answer(422, "{\"title\":\"Unprocessable Entity\"}", 1);
    answer(500, "", 1);
    outcomes.sent();
    outcomes.failed(new TimeoutException("The timeout period of 30000ms has been exceeded"));
  }

  private void answer(int status, String body, int times) {
    for (int i = 0; i < times; i++) {
      outcomes.sent();
      outcomes.answered(status, body, 10_000_000L);
    }
  }

  private Summary summary(boolean finished) {
    return outcomes.summary(new Summary.Run("http://127.0.0.1:8081", 100.0, null, 0, 2.0, 1.1, finished));
  }
}
