package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@link RunningShop#close()} as SIGTERM runs it: readiness first, then the servers. */
class GracefulShutdownTest {

  @Test
  void closingTurnsEveryServicesReadinessDownWhileItStillAnswersThenStopsAcceptingConnections() throws Exception {
    // A pre-stop delay long enough for the test to ask every service before the servers stop accepting.
    try (TestShop shop = TestShop.start(Services.NAMES, Map.of("SHUTDOWN_PRE_STOP_DELAY_MS", "4000"))) {
      for (String service : Services.NAMES) {
        assertThat(shop.get(service, "/health/started").statusCode()).as(service).isEqualTo(200);
        assertThat(shop.get(service, "/health/ready").statusCode()).as(service).isEqualTo(200);
      }

      Future<Void> closing = shop.shop().close();

      for (String service : Services.NAMES) {
        Awaitility.await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(3))
            .until(() -> shop.get(service, "/health/ready").statusCode() == 503);
        HttpResponse<String> ready = shop.get(service, "/health/ready");
        JsonObject lifecycle = new JsonObject(ready.body()).getJsonArray("checks").stream()
            .map(JsonObject.class::cast)
            .filter(check -> "lifecycle".equals(check.getString("id")))
            .findFirst()
            .orElseThrow();
        assertThat(lifecycle.getJsonObject("data").getString("phase")).as(service).isEqualTo("stopping");
        assertThat(shop.get(service, "/health/live").statusCode()).as(service).isEqualTo(200);
      }

      closing.await(60, TimeUnit.SECONDS);
      for (String service : Services.NAMES) {
        assertThat(Http.accepts(shop.shop().port(service))).as(service).isFalse();
      }
    }
  }
}
