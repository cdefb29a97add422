package dev.vertxshop.launcher.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a snapshot read from the meters the services record into this JVM's registry:
 * breakers, orders placed per second by HTTP status and their latency, saga runs ended per second
 * by outcome, sagas by state, the outbox backlog, consumer lag and dead letters, fraud decisions.
 * Reading gauges and counters costs no query: the services refresh the gauges that need one on
 * their own schedule.
 */
final class MeterReadings {

  private static final String[] BREAKER_STATES = {"CLOSED", "OPEN", "HALF_OPEN"};
  private static final String ORDERS_ROUTE = "/api/orders";
  /** Saga runs ended, tagged {@code outcome}: confirmed, rejected, compensated, parked. */
  private static final String SAGA_OUTCOMES = "orders.saga.outcomes";

  private final MeterRegistry registry;
  private final Rates rates;
  private final LatencyWindow latency = new LatencyWindow();

  MeterReadings(MeterRegistry registry, Rates rates) {
    this.registry = registry;
    this.rates = rates;
  }

  void reset() {
    latency.reset();
  }

  /** Writes the meter-based sections into {@code snapshot}. */
  JsonObject readInto(JsonObject snapshot) {
    return snapshot
        .put("breakers", breakers())
        .put("orders", orders())
        .put("sagas", gaugesByTag("orders.sagas", "state"))
        .put("outbox", outbox())
        .put("consumers", consumers())
        .put("fraud", fraud());
  }

  private JsonArray breakers() {
    JsonArray breakers = new JsonArray();
    for (Gauge state : registry.find("circuit.breaker.state").gauges()) {
      String service = tag(state, "service");
      String name = tag(state, "breaker");
      String key = service + "/" + name;
      double success = rate("breaker:" + key + ":success", callsTotal(service, name, "success"));
      double failure = rate("breaker:" + key + ":failure", callsTotal(service, name, "failure"));
      double rejected = rate("breaker:" + key + ":rejected", callsTotal(service, name, "rejected"));
      double ended = success + failure;
      int index = (int) state.value();
      breakers.add(new JsonObject()
          .put("service", service)
          .put("name", name)
          .put("state", index >= 0 && index < BREAKER_STATES.length ? BREAKER_STATES[index] : "UNKNOWN")
          .put("callsPerSecond", round(success + failure + rejected))
          .put("rejectedPerSecond", round(rejected))
          .put("failureRate", ended == 0 ? 0 : round(100 * failure / ended)));
    }
    return breakers;
  }

  private double callsTotal(String service, String breaker, String outcome) {
    Counter counter = registry.find("circuit.breaker.calls")
        .tags("service", service, "breaker", breaker, "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private JsonObject orders() {
    Map<String, Double> byStatus = new TreeMap<>();
    for (Counter requests : registry.find("vertx.http.server.requests").tags("route", ORDERS_ROUTE, "method", "POST").counters()) {
      byStatus.merge(tag(requests, "code"), requests.count(), Double::sum);
    }
    JsonObject perSecond = new JsonObject();
    byStatus.forEach((code, total) -> perSecond.put(code, round(rate("orders:" + code, total))));
    List<Timer> timers = List.copyOf(
        registry.find("vertx.http.server.response.time").tags("route", ORDERS_ROUTE, "method", "POST").timers());
    return new JsonObject()
        .put("perSecondByStatus", perSecond)
        .put("outcomes", outcomes())
        .put("latencyMs", latency.read(timers));
  }

  /** {@code {outcome: {total, perSecond}}}, summed over the orders instances in this JVM. */
  private JsonObject outcomes() {
    Map<String, Double> totals = new TreeMap<>();
    for (Counter ended : registry.find(SAGA_OUTCOMES).counters()) {
      totals.merge(tag(ended, "outcome"), ended.count(), Double::sum);
    }
    JsonObject outcomes = new JsonObject();
    totals.forEach((outcome, total) -> outcomes.put(outcome, new JsonObject()
        .put("total", total.longValue())
        .put("perSecond", round(rate("outcome:" + outcome, total)))));
    return outcomes;
  }

  private JsonObject outbox() {
    Gauge pending = registry.find("orders.outbox.pending.events").gauge();
    Gauge age = registry.find("orders.outbox.oldest.pending.age.seconds").gauge();
    FunctionCounter published = registry.find("orders.outbox.published.events").functionCounter();
    return new JsonObject()
        .put("pending", pending == null ? null : (long) pending.value())
        .put("oldestPendingAgeSeconds", age == null ? null : age.value())
        .put("publishedPerSecond", published == null ? null : round(rate("outbox:published", published.count())));
  }

  /** One object per consumer group: its service, lag, retry lag, dead letters and those awaiting replay. */
  private JsonArray consumers() {
    Map<String, JsonObject> byGroup = new TreeMap<>();
    readConsumerGauge(byGroup, "events.consumer.lag.records", "lag");
    readConsumerGauge(byGroup, "events.consumer.retry.lag.records", "retryLag");
    readConsumerGauge(byGroup, "events.dead.letter.records", "deadLetters");
    readConsumerGauge(byGroup, "events.dead.letters.awaiting.replay.records", "awaitingReplay");
    return new JsonArray(List.copyOf(byGroup.values()));
  }

  private void readConsumerGauge(Map<String, JsonObject> byGroup, String name, String field) {
    for (Gauge gauge : registry.find(name).gauges()) {
      String service = tag(gauge, "service");
      String group = tag(gauge, "group");
      JsonObject consumer = byGroup.computeIfAbsent(service + "/" + group,
          key -> new JsonObject().put("service", service).put("group", group));
      double value = gauge.value();
      consumer.put(field, Double.isNaN(value) ? null : (long) value);
    }
  }

  private JsonObject fraud() {
    double checks = 0;
    JsonObject byReason = new JsonObject();
    for (Counter decisions : registry.find("fraud.decisions").counters()) {
      String key = tag(decisions, "decision") + ":" + tag(decisions, "reason");
      double perSecond = rate("fraud:" + key, decisions.count());
      checks += perSecond;
      byReason.put(key, new JsonObject().put("total", (long) decisions.count()).put("perSecond", round(perSecond)));
    }
    return new JsonObject().put("checksPerSecond", round(checks)).put("decisions", byReason);
  }

  private JsonObject gaugesByTag(String name, String tag) {
    JsonObject values = new JsonObject();
    for (Gauge gauge : registry.find(name).gauges()) {
      double value = gauge.value();
      values.put(tag(gauge, tag), Double.isNaN(value) ? null : (long) value);
    }
    return values;
  }

  private double rate(String key, double total) {
    return rates.perSecond(key, total);
  }

  private static String tag(Meter meter, String key) {
    String value = meter.getId().getTag(key);
    return value == null ? "" : value;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

}
