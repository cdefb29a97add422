package dev.vertxshop.systemtests;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Places orders at a fixed rate and records every answer. Latency is measured from the moment a
 * request was due, not when it was sent, so a stalled service shows in the figures.
 */
public final class OrderLoad {

  /** One answer: its HTTP status (0 when no answer came), the order id if any, and the latency. */
  public record Answer(int status, String orderId, String orderStatus, long latencyMs) {}

  /** Every answer, in the order they arrived. */
  public record Result(List<Answer> answers, long durationMs) {

    public Map<Integer, Long> byHttpStatus() {
      Map<Integer, Long> counts = new TreeMap<>();
      answers.forEach(answer -> counts.merge(answer.status(), 1L, Long::sum));
      return counts;
    }

    public List<String> orderIds() {
      return answers.stream().map(Answer::orderId).filter(id -> id != null).toList();
    }

    /** The latency at quantile {@code q} (0..1) in ms. */
    public long latencyMs(double q) {
      List<Long> sorted = new ArrayList<>(answers.stream().map(Answer::latencyMs).toList());
      Collections.sort(sorted);
      return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
  }

  private OrderLoad() {}

  /**
   * Sends {@code count} orders to {@code port} at {@code perSecond}; {@code body} gives the i-th body
   * and {@code idempotencyKey} its Idempotency-Key (or null for none).
   */
  public static Future<Result> run(Vertx vertx, WebClient client, int port, int count, int perSecond,
      IntFunction<JsonObject> body, IntFunction<String> idempotencyKey) {
    Promise<Result> done = Promise.promise();
    List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    int[] sent = {0};
    vertx.setPeriodic(5, timer -> {
      long elapsedNanos = System.nanoTime() - start;
      int due = (int) Math.min(count, elapsedNanos * perSecond / 1_000_000_000L + 1);
      while (sent[0] < due) {
        int i = sent[0]++;
        long dueAtNanos = start + i * 1_000_000_000L / perSecond;
        send(client, port, body.apply(i), idempotencyKey.apply(i)).onComplete(ar -> {
          long latencyMs = (System.nanoTime() - dueAtNanos) / 1_000_000;
          answers.add(toAnswer(ar.succeeded() ? ar.result() : null, latencyMs));
          if (answers.size() == count) {
            done.complete(new Result(List.copyOf(answers), (System.nanoTime() - start) / 1_000_000));
          }
        });
      }
      if (sent[0] >= count) {
        vertx.cancelTimer(timer);
      }
    });
    return done.future();
  }

  private static Future<HttpResponse<Buffer>> send(WebClient client, int port, JsonObject body, String key) {
    HttpRequest<Buffer> request = client.post(port, "127.0.0.1", "/api/orders").timeout(60_000);
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return request.sendJsonObject(body);
  }

  private static Answer toAnswer(HttpResponse<Buffer> response, long latencyMs) {
    if (response == null) {
      return new Answer(0, null, null, latencyMs);
    }
    String orderId = null;
    String orderStatus = null;
    if (response.statusCode() == 201 || response.statusCode() == 202) {
      JsonObject json = response.bodyAsJsonObject();
      orderId = json.getString("orderId");
      orderStatus = json.getString("status");
    }
    return new Answer(response.statusCode(), orderId, orderStatus, latencyMs);
  }
}
