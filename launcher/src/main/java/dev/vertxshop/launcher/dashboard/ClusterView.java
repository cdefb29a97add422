package dev.vertxshop.launcher.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * One snapshot of the whole cluster from the snapshots of its members, in the shape of a member's
 * own, so that the page draws either. What each member counts by itself adds up: orders and saga
 * outcomes per second, breaker rows and service cards (each tagged with its {@code member}), events
 * published, fraud decisions. What every member reads from the same place is taken once, as its
 * largest reading: sagas by state (the database), the outbox backlog (the database), consumer lag and
 * dead letters (Kafka, per group). Latency percentiles cannot be added: each is the largest among
 * the members', an upper bound of the cluster's.
 */
final class ClusterView {

  private ClusterView() {}

  /** The merged snapshot of {@code members}, taken {@code at}. */
  static JsonObject merge(List<JsonObject> members, Instant at) {
    List<JsonObject> sorted = members.stream().sorted(Comparator.comparing(member -> member.getString("member", ""))).toList();
    JsonArray names = new JsonArray();
    JsonArray services = new JsonArray();
    JsonArray breakers = new JsonArray();
    boolean metrics = false;
    for (JsonObject member : sorted) {
      String name = member.getString("member", "");
      names.add(new JsonObject().put("member", name).put("at", member.getString("at")));
      tagged(member.getJsonArray("services"), name).forEach(services::add);
      tagged(member.getJsonArray("breakers"), name).forEach(breakers::add);
      metrics |= member.getBoolean("metrics", false);
    }
    JsonObject merged = new JsonObject()
        .put("member", "cluster of " + sorted.size())
        .put("at", at.toString())
        .put("members", names)
        .put("metrics", metrics)
        .put("services", services);
    if (!metrics) {
      return merged;
    }
    List<JsonObject> measured = sorted.stream().filter(member -> member.getBoolean("metrics", false)).toList();
    return merged
        .put("breakers", breakers)
        .put("orders", orders(measured))
        .put("sagas", combine(objects(measured, "sagas"), ClusterView::max))
        .put("outbox", outbox(objects(measured, "outbox")))
        .put("consumers", consumers(measured))
        .put("fraud", fraud(objects(measured, "fraud")));
  }

  private static JsonArray tagged(JsonArray rows, String member) {
    JsonArray tagged = new JsonArray();
    if (rows != null) {
      rows.forEach(row -> tagged.add(((JsonObject) row).copy().put("member", member)));
    }
    return tagged;
  }

  private static JsonObject orders(List<JsonObject> members) {
    List<JsonObject> orders = objects(members, "orders");
    JsonObject outcomes = new JsonObject();
    for (JsonObject member : objects(orders, "outcomes")) {
      member.forEach(entry -> outcomes.put(entry.getKey(), sum(outcomes.getJsonObject(entry.getKey()), (JsonObject) entry.getValue())));
    }
    return new JsonObject()
        .put("perSecondByStatus", combine(objects(orders, "perSecondByStatus"), ClusterView::add))
        .put("outcomes", outcomes)
        .put("latencyMs", combine(objects(orders, "latencyMs"), ClusterView::max));
  }

  private static JsonObject outbox(List<JsonObject> outboxes) {
    JsonObject merged = combine(outboxes, ClusterView::max);
    merged.put("publishedPerSecond", outboxes.stream().map(outbox -> outbox.getValue("publishedPerSecond"))
        .reduce(null, ClusterView::add));
    return merged;
  }

  /** One row per consumer group: Kafka's figures for the group, the same whichever member read them. */
  private static JsonArray consumers(List<JsonObject> members) {
    Map<String, JsonObject> byGroup = new TreeMap<>();
    for (JsonObject member : members) {
      JsonArray consumers = member.getJsonArray("consumers");
      if (consumers == null) {
        continue;
      }
      for (Object row : consumers) {
        JsonObject consumer = (JsonObject) row;
        String key = consumer.getString("service") + "/" + consumer.getString("group");
        byGroup.merge(key, consumer.copy(), (known, other) -> combine(List.of(known, other), ClusterView::max));
      }
    }
    return new JsonArray(List.copyOf(byGroup.values()));
  }

  private static JsonObject fraud(List<JsonObject> frauds) {
    JsonObject decisions = new JsonObject();
    for (JsonObject member : objects(frauds, "decisions")) {
      member.forEach(entry -> decisions.put(entry.getKey(), sum(decisions.getJsonObject(entry.getKey()), (JsonObject) entry.getValue())));
    }
    return new JsonObject()
        .put("checksPerSecond", frauds.stream().map(fraud -> fraud.getValue("checksPerSecond")).reduce(null, ClusterView::add))
        .put("decisions", decisions);
  }

  /** {@code {total, perSecond}} added up. */
  private static JsonObject sum(JsonObject known, JsonObject other) {
    return known == null ? other.copy() : combine(List.of(known, other), ClusterView::add);
  }

  /** The objects' fields, each combined over the objects that have it. */
  private static JsonObject combine(List<JsonObject> objects, BinaryOperator<Object> values) {
    JsonObject combined = new JsonObject();
    for (JsonObject object : objects) {
      object.forEach(entry -> combined.put(entry.getKey(),
          combined.containsKey(entry.getKey()) ? values.apply(combined.getValue(entry.getKey()), entry.getValue()) : entry.getValue()));
    }
    return combined;
  }

  private static List<JsonObject> objects(List<JsonObject> parents, String field) {
    return parents.stream().map(parent -> parent.getJsonObject(field)).filter(child -> child != null).toList();
  }

  /** Numbers added (whole numbers stay whole); a missing reading (null) counts as nothing. */
  private static Object add(Object a, Object b) {
    if (!(a instanceof Number x)) {
      return b;
    }
    if (!(b instanceof Number y)) {
      return a;
    }
    if (isWhole(x) && isWhole(y)) {
      return x.longValue() + y.longValue();
    }
    return Math.round((x.doubleValue() + y.doubleValue()) * 100) / 100.0;
  }

  /** The larger number; a missing reading (null) counts as nothing. */
  private static Object max(Object a, Object b) {
    if (!(a instanceof Number x)) {
      return b;
    }
    if (!(b instanceof Number y)) {
      return a;
    }
    return x.doubleValue() >= y.doubleValue() ? x : y;
  }

  private static boolean isWhole(Number number) {
    return number instanceof Long || number instanceof Integer;
  }
}
