package dev.vertxshop.launcher.dashboard;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks each service of this JVM for {@code GET /health/ready}, the same answer a load balancer gets,
 * and lists it as {@code {name, port, ready, checks: [{id, status}]}}. A service that does not
 * answer within the timeout is listed as not ready, with the reason.
 */
final class Readiness {

  private static final long TIMEOUT_MS = 2000;

  private final HttpClient client;
  private final Map<String, Integer> ports;

  Readiness(HttpClient client, Map<String, Integer> ports) {
    this.client = client;
    this.ports = ports;
  }

  Future<JsonArray> read() {
    List<Future<JsonObject>> answers = new ArrayList<>();
    ports.forEach((service, port) -> answers.add(ask(service, port)));
    return Future.join(answers).transform(ignored -> {
      JsonArray services = new JsonArray();
      answers.forEach(answer -> services.add(answer.result()));
      return Future.succeededFuture(services);
    });
  }

  private Future<JsonObject> ask(String service, int port) {
    JsonObject listed = new JsonObject().put("name", service).put("port", port);
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI("/health/ready").setTimeout(TIMEOUT_MS);
    return client.request(request)
        .compose(sent -> sent.send())
        .compose(response -> response.body().map(body -> listed
            .put("ready", response.statusCode() == 200)
            .put("checks", checks(body.length() == 0 ? new JsonObject() : body.toJsonObject()))))
        .otherwise(failure -> listed.put("ready", false).put("checks", new JsonArray()).put("error", String.valueOf(failure.getMessage())));
  }

  private static JsonArray checks(JsonObject body) {
    JsonArray checks = new JsonArray();
    for (Object check : body.getJsonArray("checks", new JsonArray())) {
      if (check instanceof JsonObject listed) {
        checks.add(new JsonObject().put("id", listed.getString("id")).put("status", listed.getString("status")));
      }
    }
    return checks;
  }
}
