package dev.vertxshop.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a service sends onward: its own token, or in forward mode the token of the request it serves. */
class ServiceCredentialTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static AuthSettings settings(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(TestTokens.env());
    env.putAll(more);
    return AuthSettings.from(ConfigLoader.load(env));
  }

  /** Serves createWidget, answering with what the credential gives while the request is served. */
  private String onwardWhileServing(AuthSettings settings, String callerToken) throws Exception {
    ServiceCredential credential = ServiceCredential.create(settings);
    AuthGuard guard = AuthGuard.create(vertx, settings);
    int port = HttpApi.load(vertx, "widgets", "openapi/widgets.yaml", 1024)
        .compose(api -> {
          api.secure(guard).handle("createWidget", Access.CUSTOMER,
              ctx -> HttpApi.json(ctx, 201, new JsonObject().put("onward", credential.get().orElse("none"))));
          return api.listen(api.router(Health.create(vertx).readiness("always", Future::succeededFuture).started()), 0);
        })
        .map(server -> server.actualPort())
        .await(10, TimeUnit.SECONDS);
    HttpResponse<Buffer> response = WebClient.create(vertx).post(port, "127.0.0.1", "/api/widgets")
        .putHeader("Authorization", TestTokens.bearer(callerToken))
        .sendJsonObject(new JsonObject().put("name", "a").put("count", 1))
        .await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("onward");
  }

  @Test
  void credentialModeAlwaysSendsTheServicesOwnToken() throws Exception {
    AuthSettings settings = settings(Map.of());
    String own = "Bearer " + TestTokens.DEFAULT.serviceToken();

    assertThat(onwardWhileServing(settings, TestTokens.customer("alice"))).isEqualTo(own);
    assertThat(ServiceCredential.create(settings).get()).contains(own);
  }

  @Test
  void forwardModeSendsTheCallersTokenWhileServingItsRequestAndTheOwnOneOtherwise() throws Exception {
    AuthSettings settings = settings(Map.of("AUTH_SERVICE_MODE", "forward"));
    String alice = TestTokens.customer("alice");

    assertThat(onwardWhileServing(settings, alice)).isEqualTo("Bearer " + alice);
    assertThat(ServiceCredential.create(settings).get()).contains("Bearer " + TestTokens.DEFAULT.serviceToken());
  }

  @Test
  void theOwnTokenMayComeFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "from-the-file\n");
    Map<String, String> env = new HashMap<>(TestTokens.env());
    env.remove("AUTH_SERVICE_TOKEN");
    env.put("AUTH_SERVICE_TOKEN_FILE", file.toString());

    assertThat(ServiceCredential.create(AuthSettings.from(ConfigLoader.load(env))).get()).contains("Bearer from-the-file");
  }
}
