package dev.vertxshop.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the snapshots of a cluster's members become one. */
class ClusterViewTest {

  private static final Instant AT = Instant.parse("2026-11-28T01:00:00Z");

  private static JsonObject member(String name, double ordersPerSecond, long confirmed, double p95, long running, long lag) {
    return new JsonObject()
        .put("member", name)
        .put("at", "2026-11-28T00:59:59Z")
        .put("metrics", true)
        .put("services", new JsonArray().add(new JsonObject().put("name", "orders").put("ready", true)))
        .put("breakers", new JsonArray().add(new JsonObject().put("service", "orders").put("name", "inventory").put("state", "CLOSED")))
        .put("orders", new JsonObject()
            .put("perSecondByStatus", new JsonObject().put("201", ordersPerSecond))
            .put("outcomes", new JsonObject().put("confirmed", new JsonObject().put("total", confirmed).put("perSecond", ordersPerSecond)))
            .put("latencyMs", new JsonObject().put("p50", 5.0).put("p95", p95).put("p99", null)))
        .put("sagas", new JsonObject().put("RUNNING", running).put("PARKED", 1L))
        .put("outbox", new JsonObject().put("pending", 3L).put("oldestPendingAgeSeconds", 0.5).put("publishedPerSecond", ordersPerSecond))
        .put("consumers", new JsonArray().add(new JsonObject().put("service", "inventory").put("group", "inventory").put("lag", lag)))
        .put("fraud", new JsonObject().put("checksPerSecond", ordersPerSecond)
            .put("decisions", new JsonObject().put("legitimate:NONE", new JsonObject().put("total", confirmed).put("perSecond", ordersPerSecond))));
  }

  @Test
  void addsWhatEachMemberCountsAndTakesWhatAllReadFromOnePlaceOnce() {
    JsonObject merged = ClusterView.merge(List.of(member("member b", 2.5, 10, 25.0, 4, 7), member("member a", 1.25, 5, 50.0, 3, 9)), AT);

    assertThat(merged.getString("member")).isEqualTo("cluster of 2");
    assertThat(merged.getString("at")).isEqualTo("2026-11-28T01:00:00Z");
    assertThat(merged.getJsonArray("members").stream().map(m -> ((JsonObject) m).getString("member"))).containsExactly("member a", "member b");
    assertThat(merged.getJsonArray("services").stream().map(s -> ((JsonObject) s).getString("member")))
        .containsExactly("member a", "member b");
    assertThat(merged.getJsonArray("breakers")).hasSize(2);

    JsonObject orders = merged.getJsonObject("orders");
    assertThat(orders.getJsonObject("perSecondByStatus").getDouble("201")).isEqualTo(3.75);
    assertThat(orders.getJsonObject("outcomes").getJsonObject("confirmed").getLong("total")).isEqualTo(15);
    assertThat(orders.getJsonObject("outcomes").getJsonObject("confirmed").getDouble("perSecond")).isEqualTo(3.75);
    // Percentiles do not add up: the largest is an upper bound of the cluster's; none read stays none.
    assertThat(orders.getJsonObject("latencyMs").getDouble("p95")).isEqualTo(50.0);
    assertThat(orders.getJsonObject("latencyMs").getValue("p99")).isNull();

    // The database and Kafka answer every member the same; readings taken a moment apart differ a little.
    assertThat(merged.getJsonObject("sagas").getLong("RUNNING")).isEqualTo(4);
    assertThat(merged.getJsonObject("sagas").getLong("PARKED")).isEqualTo(1);
    assertThat(merged.getJsonObject("outbox").getLong("pending")).isEqualTo(3);
    assertThat(merged.getJsonObject("outbox").getDouble("publishedPerSecond")).isEqualTo(3.75);
    assertThat(merged.getJsonArray("consumers")).singleElement()
        .satisfies(consumer -> assertThat(((JsonObject) consumer).getLong("lag")).isEqualTo(9));

    assertThat(merged.getJsonObject("fraud").getDouble("checksPerSecond")).isEqualTo(3.75);
    assertThat(merged.getJsonObject("fraud").getJsonObject("decisions").getJsonObject("legitimate:NONE").getLong("total")).isEqualTo(15);
  }

  @Test
  void aClusterWithoutMetricsShowsItsServicesOnly() {
    JsonObject bare = new JsonObject().put("member", "member a").put("at", "x").put("metrics", false)
        .put("services", new JsonArray().add(new JsonObject().put("name", "fraud").put("ready", true)));

    JsonObject merged = ClusterView.merge(List.of(bare), AT);

    assertThat(merged.getBoolean("metrics")).isFalse();
    assertThat(merged.getJsonArray("services")).hasSize(1);
    assertThat(merged.containsKey("orders")).isFalse();
  }
}
