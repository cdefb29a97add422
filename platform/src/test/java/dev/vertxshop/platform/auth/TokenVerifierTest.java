package dev.vertxshop.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the keys come from (PEM or JWKS), which algorithms pass, and what configuration is refused. */
class TokenVerifierTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static Settings settings(Map<String, String> keys) {
    Map<String, String> env = new HashMap<>(Map.of("AUTH_JWT_ISSUER", TestTokens.ISSUER, "AUTH_JWT_AUDIENCE", TestTokens.AUDIENCE));
    env.putAll(keys);
    return ConfigLoader.load(env);
  }

  private static Future<Caller> verify(TokenVerifier verifier, String token) {
    return verifier.verify(token);
  }

  @Test
  void theKeyMayComeFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("idp.pem");
    Files.writeString(file, TestTokens.DEFAULT.publicKeyPem());
    TokenVerifier verifier = TokenVerifier.create(vertx, AuthSettings.from(settings(Map.of("AUTH_JWT_PUBLIC_KEY_FILE", file.toString()))));

    assertThat(verify(verifier, TestTokens.customer("gina")).await(5, TimeUnit.SECONDS).subject()).isEqualTo("gina");
  }

  @Test
  void anEs256KeyVerifiesEs256Tokens() throws Exception {
    TestTokens ec = TestTokens.ec();
    TokenVerifier verifier = TokenVerifier.create(vertx, AuthSettings.from(settings(Map.of("AUTH_JWT_PUBLIC_KEY", ec.publicKeyPem()))));
    Caller caller = verify(verifier, ec.token("dora", List.of("shop:admin", "other"), Duration.ofMinutes(5))).await(5, TimeUnit.SECONDS);
    assertThat(caller.subject()).isEqualTo("dora");
    assertThat(caller.grants()).containsExactlyInAnyOrder("shop:admin", "other");
    assertThat(verify(verifier, TestTokens.customer("dora")).failed()).isTrue();
  }

  @Test
  void keysFromAJwksUrlVerifyTokensOfEveryKeyItLists() throws Exception {
    TestTokens rsa = TestTokens.rsa();
    TestTokens ec = TestTokens.ec();
    AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[" + rsa.jwk() + "," + ec.jwk() + "]}");
    AtomicInteger fetches = new AtomicInteger();
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      fetches.incrementAndGet();
      request.response().putHeader("Content-Type", "application/json").end(jwks.get());
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    TokenVerifier verifier = TokenVerifier.create(vertx, AuthSettings.from(settings(Map.of(
        "AUTH_JWT_JWKS_URL", "http://127.0.0.1:" + server.actualPort() + "/.well-known/jwks.json"))));

    await().atMost(Duration.ofSeconds(10)).until(() -> verify(verifier, rsa.token("erin", List.of(), Duration.ofMinutes(5))).succeeded());
    assertThat(verify(verifier, ec.token("erin", List.of(), Duration.ofMinutes(5))).succeeded()).isTrue();
    Future<Caller> foreign = verify(verifier, TestTokens.rsa().token("erin", List.of(), Duration.ofMinutes(5)));
    assertThat(foreign.failed()).isTrue();
    assertThat(foreign.cause()).isInstanceOf(InvalidTokenException.class);
    assertThat(fetches.get()).isGreaterThanOrEqualTo(1);
    verifier.close();
  }

  @Test
  void beforeTheJwksIsFetchedNoTokenPassesAndTheReasonIsKnown() throws Exception {
    TokenVerifier verifier = TokenVerifier.create(vertx, AuthSettings.from(settings(Map.of(
        "AUTH_JWT_JWKS_URL", "http://127.0.0.1:9/jwks.json"))));
    Future<Caller> result = verify(verifier, TestTokens.customer("frank"));
    assertThat(result.failed()).isTrue();
    assertThat(result.cause()).isInstanceOf(KeysUnavailableException.class);
    verifier.close();
  }

  @Test
  void onlySigningKeysOfTheTwoAlgorithmsAreTakenFromAJwks() {
    TestTokens rsa = TestTokens.rsa();
    io.vertx.core.json.JsonObject jwks = new io.vertx.core.json.JsonObject("{\"keys\":["
        + rsa.jwk() + ","
        + "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"alg\":\"HS256\"},"
        + rsa.jwk().replace("\"use\":\"sig\"", "\"use\":\"enc\"") + ","
        + rsa.jwk().replace("RS256", "RS512") + "]}");
    assertThat(JwksKeys.usableKeys(jwks)).hasSize(1);
  }

  @Test
  void invalidConfigurationNamesTheKey() {
    assertThatThrownBy(() -> AuthSettings.from(settings(Map.of()))).isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("auth.jwt.public-key");
    assertThatThrownBy(() -> AuthSettings.from(settings(Map.of("AUTH_JWT_PUBLIC_KEY", "not a key"))))
        .isInstanceOf(ConfigException.class).extracting(e -> ((ConfigException) e).key()).isEqualTo("auth.jwt.public-key");
    assertThatThrownBy(() -> AuthSettings.from(settings(Map.of("AUTH_JWT_PUBLIC_KEY", TestTokens.DEFAULT.publicKeyPem(),
        "AUTH_JWT_JWKS_URL", "https://idp.example/jwks")))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> AuthSettings.from(settings(Map.of("AUTH_JWT_PUBLIC_KEY_FILE", "/nonexistent/key.pem"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("AUTH_JWT_PUBLIC_KEY_FILE")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("auth.jwt.public-key");
    assertThatThrownBy(() -> AuthSettings.from(ConfigLoader.load(Map.of("AUTH_JWT_PUBLIC_KEY", TestTokens.DEFAULT.publicKeyPem()))))
        .isInstanceOf(ConfigException.class).extracting(e -> ((ConfigException) e).key()).isEqualTo("auth.jwt.issuer");
    Map<String, String> badMode = new HashMap<>(TestTokens.env());
    badMode.put("AUTH_SERVICE_MODE", "both");
    assertThatThrownBy(() -> AuthSettings.from(ConfigLoader.load(badMode))).isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("auth.service.mode");
  }

  @Test
  void theServiceTokenNeverShowsInTheSettingsText() {
    AuthSettings settings = AuthSettings.from(ConfigLoader.load(TestTokens.env()));
    assertThat(settings.toString()).doesNotContain(settings.service().token().orElseThrow());
  }
}
