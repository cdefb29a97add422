package dev.vertxshop.launcher.loadgen;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Seeds the catalogue, then places orders as the {@link LoadPlan} says and counts what they get.
 *
 * <p>Everything runs on one Vert.x event loop (one context): the pacing timer, the requests and
 * their answers, and the counting, so the counts need no locks and nothing ever blocks. Other
 * threads read the counts through {@link #snapshot}, which copies them on that event loop.
 *
 * <p>At a fixed rate (open model) order {@code i} is due at {@code i / rate} seconds after the start,
 * and is sent then whether or not earlier orders were answered; its latency is measured from that
 * due time, so time spent waiting for a free connection, or behind a stalled event loop, counts
 * (coordinated omission corrected). At a fixed concurrency (closed model) each answer starts the
 * next order, and latency is measured from the actual send.
 */
final class LoadRunner {

  private static final String ORDERS_PATH = "/api/orders";
  private static final String PRODUCTS_PATH = "/api/products/";

  private final Vertx vertx;
  private final LoadPlan plan;
  private final LongSupplier nanoTime;
  private final Context context;
  private final WebClient client;
  private final LoadTokens tokens;
  private final OrderMix mix;
  private final String ordersUrl;
  // A fresh prefix per run: an Idempotency-Key of an earlier run would replay that run's order.
  private final String keyPrefix = "loadgen-" + UUID.randomUUID() + "-";

  // Confined to the context's event loop.
  private final Outcomes warmupOutcomes = new Outcomes();
  private final Outcomes outcomes = new Outcomes();
  private final Promise<Summary> done = Promise.promise();
  private long startNanos;
  private long lastMeasuredNanos;
  private long firstMeasuredSendNanos = -1;
  private long lastMeasuredSendNanos;
  private long nextIndex;
  private long placed;
  private long inFlight;
  private boolean started;
  private boolean sendingDone;
  private long pacingTimer = -1;

  LoadRunner(Vertx vertx, LoadPlan plan, LoadTokens tokens, LongSupplier nanoTime) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.plan = plan;
    this.nanoTime = nanoTime;
    this.context = vertx.getOrCreateContext();
    this.mix = new OrderMix(plan.mix());
    this.ordersUrl = withoutTrailingSlash(plan.ordersUrl().toString()) + ORDERS_PATH;
    WebClientOptions options = new WebClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setUserAgent("vertx-shop-loadgen")
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, plan.requestTimeout().toMillis()));
    // Requests beyond the pool wait in its queue (unbounded): at a fixed rate that wait is latency.
    this.client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(plan.connections()));
  }

  /** The products the run orders, created or reset through inventory's API (safe to repeat). */
  List<OrderMix.Product> catalogue() {
    return mix.catalogue();
  }

  /**
   * Puts every product of the catalogue with its stock; fails with a message naming the first
   * product inventory did not accept, or the reason it could not be reached.
   */
  Future<Void> seed() {
    Promise<Void> seeded = Promise.promise();
    context.runOnContext(ignored -> {
      String base = withoutTrailingSlash(plan.inventoryUrl().toString()) + PRODUCTS_PATH;
      List<Future<Void>> puts = mix.catalogue().stream().map(product -> putProduct(base, product)).toList();
      Future.all(puts).<Void>mapEmpty().onComplete(seeded);
    });
    return seeded.future();
  }

  private Future<Void> putProduct(String base, OrderMix.Product product) {
    return client.putAbs(base + product.id())
        .timeout(plan.requestTimeout().toMillis())
        .putHeader("Authorization", "Bearer " + tokens.admin())
        .sendJsonObject(product.toJson())
        .recover(failure -> Future.failedFuture(
            "Cannot reach inventory at " + plan.inventoryUrl() + " to seed the catalogue: " + describe(failure)))
        .compose(response -> response.statusCode() == 200 || response.statusCode() == 201
            ? Future.succeededFuture()
            : Future.failedFuture("Inventory refused product " + product.id() + ": HTTP " + response.statusCode() + " "
                + response.bodyAsString()));
  }

  /** Starts placing orders; completes with the final summary once every order sent has its outcome. */
  Future<Summary> run() {
    context.runOnContext(ignored -> start());
    return done.future();
  }

  /** The counts so far: of the warm-up while it lasts, then of the measured orders. */
  record Snapshot(Summary summary, boolean warmingUp, double secondsSinceStart) {}

  /** A copy of the counts so far, taken on the event loop of the run. */
  Future<Snapshot> snapshot() {
    Promise<Snapshot> snapshot = Promise.promise();
    context.runOnContext(ignored -> {
      long sinceStart = started ? nanoTime.getAsLong() - startNanos : 0;
      boolean warmingUp = sinceStart < plan.warmup().toNanos();
      snapshot.complete(new Snapshot(warmingUp ? warmupSummary() : summary(false), warmingUp, sinceStart / 1e9));
    });
    return snapshot.future();
  }

  /** Stops the HTTP client; the caller owns the Vert.x instance. */
  void close() {
    client.close();
  }

  private void start() {
    startNanos = nanoTime.getAsLong();
    started = true;
    if (plan.pace() instanceof LoadPlan.Pace.FixedRate rate) {
      sendDue(rate);
      if (!sendingDone) {
        pacingTimer = vertx.setPeriodic(1, timer -> sendDue(rate));
      }
    } else if (plan.pace() instanceof LoadPlan.Pace.Concurrency concurrency) {
      for (int i = 0; i < concurrency.inFlight(); i++) {
        startNextInFlight();
      }
    }
  }

  /** Open model: sends every order that is due by now. */
  private void sendDue(LoadPlan.Pace.FixedRate rate) {
    long elapsed = nanoTime.getAsLong() - startNanos;
    while (!sendingDone) {
      long due = rate.dueNanos(nextIndex);
      boolean measured = due >= plan.warmup().toNanos();
      // Checked before waiting for the order to be due: at a low rate the run ends with its last order.
      if (measured && stopReached(due)) {
        stopSending();
        return;
      }
      if (due > elapsed) {
        return;
      }
      nextIndex++;
      place(measured, startNanos + due);
    }
  }

  /** Closed model: one order in flight ends, the next starts. */
  private void startNextInFlight() {
    if (sendingDone) {
      return;
    }
    long now = nanoTime.getAsLong();
    boolean measured = now - startNanos >= plan.warmup().toNanos();
    if (measured && stopReached(now - startNanos)) {
      stopSending();
      return;
    }
    place(measured, now).onComplete(ignored -> startNextInFlight());
  }

  /** Whether an order starting {@code elapsedNanos} after the start would be one too many. */
  private boolean stopReached(long elapsedNanos) {
    if (plan.stop() instanceof LoadPlan.Stop.Orders count) {
      return outcomes.sentCount() >= count.count();
    }
    LoadPlan.Stop.After after = (LoadPlan.Stop.After) plan.stop();
    return elapsedNanos >= plan.warmup().toNanos() + after.duration().toNanos();
  }

  private void stopSending() {
    sendingDone = true;
    if (pacingTimer != -1) {
      vertx.cancelTimer(pacingTimer);
    }
    finishWhenIdle();
  }

  /**
   * Places one order, and repeats it with the same Idempotency-Key when the mix says so; completes
   * when both are answered. Latency is measured from {@code sinceNanos}.
   */
  private Future<Void> place(boolean measured, long sinceNanos) {
    Outcomes counts = measured ? outcomes : warmupOutcomes;
    OrderMix.PlannedOrder order = mix.next();
    long sequence = placed++;
    String key = order.resend() ? keyPrefix + sequence : null;
    JsonObject json = order.toJson();
    if (!tokens.perCustomer()) {
      json.remove("customerId");
    }
    Buffer body = json.toBuffer();
    String authorization = "Bearer " + tokens.customer(order.customerId());
    counts.sent();
    inFlight++;
    if (measured) {
      long now = nanoTime.getAsLong();
      firstMeasuredSendNanos = firstMeasuredSendNanos == -1 ? now : firstMeasuredSendNanos;
      lastMeasuredSendNanos = now;
    }
    return post(body, key, authorization)
        .andThen(answer -> {
          long now = nanoTime.getAsLong();
          if (answer.succeeded()) {
            counts.answered(answer.result().statusCode(), answer.result().bodyAsString(), now - sinceNanos);
          } else {
            counts.failed(answer.cause());
          }
          if (measured) {
            lastMeasuredNanos = Math.max(lastMeasuredNanos, now);
          }
        })
        .transform(answer -> key != null && answer.succeeded()
            ? resend(counts, body, key, authorization, answer.result())
            : Future.<Void>succeededFuture())
        .andThen(ignored -> {
          inFlight--;
          finishWhenIdle();
        });
  }

  private Future<Void> resend(Outcomes counts, Buffer body, String key, String authorization, HttpResponse<Buffer> first) {
    String firstOrderId = Outcomes.orderId(first.statusCode(), first.bodyAsString());
    if (firstOrderId == null) {
      return Future.succeededFuture();
    }
    return post(body, key, authorization).transform(repeat -> {
      String repeatOrderId = repeat.succeeded() ? Outcomes.orderId(repeat.result().statusCode(), repeat.result().bodyAsString()) : null;
      counts.resendAnswered(firstOrderId, repeatOrderId);
      return Future.succeededFuture();
    });
  }

  private Future<HttpResponse<Buffer>> post(Buffer body, String idempotencyKey, String authorization) {
    HttpRequest<Buffer> request = client.postAbs(ordersUrl)
        .timeout(plan.requestTimeout().toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("Authorization", authorization);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return request.sendBuffer(body);
  }

  private void finishWhenIdle() {
    if (sendingDone && inFlight == 0 && !done.future().isComplete()) {
      done.complete(summary(true));
    }
  }

  private Summary summary(boolean finished) {
    long measureStart = startNanos + plan.warmup().toNanos();
    long end = finished ? lastMeasuredNanos : nanoTime.getAsLong();
    return outcomes.summary(run(Math.max(0, end - measureStart), finished));
  }

  private Summary warmupSummary() {
    long elapsed = started ? nanoTime.getAsLong() - startNanos : 0;
    return warmupOutcomes.summary(run(elapsed, false));
  }

  private Summary.Run run(long elapsedNanos, boolean finished) {
    Double rate = plan.pace() instanceof LoadPlan.Pace.FixedRate fixed ? fixed.perSecond() : null;
    Integer concurrency = plan.pace() instanceof LoadPlan.Pace.Concurrency closed ? closed.inFlight() : null;
    long sendingNanos = firstMeasuredSendNanos == -1 ? 0 : lastMeasuredSendNanos - firstMeasuredSendNanos;
    return new Summary.Run(plan.ordersUrl().toString(), rate, concurrency, plan.warmup().toNanos() / 1e9, elapsedNanos / 1e9,
        sendingNanos / 1e9, finished);
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String describe(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }
}
