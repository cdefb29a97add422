package dev.vertxshop.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A secured API: which tokens reach which operation, and what everybody else is answered. */
class AuthGuardTest {

  private static final String WIDGET = "/api/widgets/7d1f3e4c-1111-4a2b-9c3d-123456789abc";
  private static Vertx vertx;
  private static WebClient client;
  private static AuthGuard guard;
  private static final AtomicInteger created = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    guard = AuthGuard.create(vertx, AuthSettings.from(ConfigLoader.load(TestTokens.env())));
    int port = HttpApi.load(vertx, "widgets", "openapi/widgets.yaml", 256)
        .compose(api -> {
          api.secure(guard);
          api.handle("createWidget", Access.CUSTOMER, ctx -> {
            created.incrementAndGet();
            HttpApi.json(ctx, 201, new JsonObject().put("for", Caller.of(ctx).orElseThrow().subject()));
          });
          api.handle("getWidget", Access.INTERNAL, ctx -> HttpApi.json(ctx, 200, new JsonObject().put("id", ctx.pathParam("id"))));
          Health health = Health.create(vertx).readiness("always", Future::succeededFuture).started();
          return api.listen(api.router(health), 0);
        })
        .map(server -> server.actualPort())
        .await(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(port).setDefaultHost("127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    guard.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String authorization, String body) throws Exception {
    HttpRequest<Buffer> request = client.request(method, path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> create(String authorization) throws Exception {
    return send(HttpMethod.POST, "/api/widgets", authorization, "{\"name\":\"a\",\"count\":1}");
  }

  @Test
  void aCustomerTokenReachesTheOperationWhichSeesItsSubject() throws Exception {
    HttpResponse<Buffer> response = create(TestTokens.bearer(TestTokens.customer("alice")));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("for")).isEqualTo("alice");
  }

  @Test
  void everyUnusableTokenGetsTheSame401AndNothingHappens() throws Exception {
    Instant now = Instant.now();
    TestTokens foreign = TestTokens.rsa();
    Map<String, Object> wrongIssuer = TestTokens.standardClaims("alice", now, Duration.ofHours(1));
    wrongIssuer.put("iss", "https://elsewhere.example/");
    Map<String, Object> wrongAudience = TestTokens.standardClaims("alice", now, Duration.ofHours(1));
    wrongAudience.put("aud", "another-api");
    Map<String, Object> noExpiry = TestTokens.standardClaims("alice", now, Duration.ofHours(1));
    noExpiry.remove("exp");
    Map<String, Object> noSubject = TestTokens.standardClaims("alice", now, Duration.ofHours(1));
    noSubject.remove("sub");
    Map<String, Object> notYetValid = TestTokens.standardClaims("alice", now, Duration.ofHours(2));
    notYetValid.put("nbf", now.plus(Duration.ofHours(1)).getEpochSecond());
    String valid = TestTokens.customer("alice");
    List<String> refused = new ArrayList<>(List.of(
        "",
        "Bearer",
        "Bearer not-a-token",
        "Basic YWxpY2U6c2VjcmV0",
        valid,
        "Bearer " + valid.substring(0, valid.length() - 4) + "AAAA",
        TestTokens.bearer(TestTokens.DEFAULT.sign(TestTokens.standardClaims("alice", now.minus(Duration.ofHours(2)), Duration.ofMinutes(5)))),
        TestTokens.bearer(TestTokens.DEFAULT.sign(wrongIssuer)),
        TestTokens.bearer(TestTokens.DEFAULT.sign(wrongAudience)),
        TestTokens.bearer(TestTokens.DEFAULT.sign(noExpiry)),
        TestTokens.bearer(TestTokens.DEFAULT.sign(noSubject)),
        TestTokens.bearer(TestTokens.DEFAULT.sign(notYetValid)),
        TestTokens.bearer(foreign.token("alice", List.of(TestTokens.ADMIN), Duration.ofHours(1))),
        TestTokens.bearer(TestTokens.unsigned(TestTokens.standardClaims("alice", now, Duration.ofHours(1)))),
        TestTokens.bearer(hs256WithThePublicKey(TestTokens.standardClaims("alice", now, Duration.ofHours(1)))),
        "Bearer " + "a".repeat(10_000)));
    int before = created.get();
    List<String> bodies = new ArrayList<>();
    for (String authorization : refused) {
      HttpResponse<Buffer> response = create(authorization.isEmpty() ? null : authorization);
      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      bodies.add(response.bodyAsString());
    }
    assertThat(bodies).containsOnly(bodies.get(0));
    assertThat(new JsonObject(bodies.get(0)).getString("type")).isEqualTo("urn:vertx-shop:problem:unauthorized");
    assertThat(created.get()).isEqualTo(before);
  }

  @Test
  void aTokenIsCheckedBeforeTheBodyIsValidated() throws Exception {
    HttpResponse<Buffer> response = send(HttpMethod.POST, "/api/widgets", null, "{\"name\":");
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void anExpiredTokenWithinTheLeewayIsAccepted() throws Exception {
    Instant tenSecondsAgo = Instant.now().minusSeconds(10);
    String token = TestTokens.DEFAULT.sign(TestTokens.standardClaims("bob", tenSecondsAgo.minusSeconds(60), Duration.ofSeconds(60)));
    assertThat(create(TestTokens.bearer(token)).statusCode()).isEqualTo(201);
  }

  @Test
  void internalOperationsNeedTheInternalGrant() throws Exception {
    HttpResponse<Buffer> customer = send(HttpMethod.GET, WIDGET, TestTokens.bearer(TestTokens.customer("alice")), null);
    assertThat(customer.statusCode()).isEqualTo(403);
    assertThat(customer.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:forbidden");
    assertThat(send(HttpMethod.GET, WIDGET, TestTokens.bearer(TestTokens.admin()), null).statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.GET, WIDGET, TestTokens.bearer(TestTokens.internal()), null).statusCode()).isEqualTo(200);
    assertThat(send(HttpMethod.GET, WIDGET, null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void adminPathsNeedTheAdminGrantFromScopeOrRoles() throws Exception {
    assertThat(send(HttpMethod.GET, "/admin/discovery", null, null).statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.GET, "/admin/discovery", TestTokens.bearer(TestTokens.customer("alice")), null).statusCode())
        .isEqualTo(403);
    assertThat(send(HttpMethod.GET, "/admin/discovery", TestTokens.bearer(TestTokens.internal()), null).statusCode())
        .isEqualTo(403);
    assertThat(send(HttpMethod.GET, "/admin/discovery", TestTokens.bearer(TestTokens.admin()), null).statusCode()).isNotIn(401, 403);
    Map<String, Object> withRoles = TestTokens.standardClaims("carol", Instant.now(), Duration.ofHours(1));
    withRoles.put("roles", List.of("viewer", TestTokens.ADMIN));
    assertThat(send(HttpMethod.GET, "/admin/discovery", TestTokens.bearer(TestTokens.DEFAULT.sign(withRoles)), null).statusCode())
        .isNotIn(401, 403);
  }

  @Test
  void anotherSpellingOfAPathIsCheckedAllTheSame() throws Exception {
    int before = created.get();
    assertThat(send(HttpMethod.POST, "/api/widgets/", null, "{\"name\":\"a\",\"count\":1}").statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.POST, "/api/./widgets", null, "{\"name\":\"a\",\"count\":1}").statusCode()).isEqualTo(401);
    assertThat(created.get()).isEqualTo(before);
    assertThat(send(HttpMethod.GET, WIDGET + "/", TestTokens.bearer(TestTokens.customer("alice")), null).statusCode()).isEqualTo(403);
    for (String path : new String[] {"//admin/discovery", "/api/widgets/../../admin/discovery", "/admin/./discovery", "/admin/discovery/"}) {
      assertThat(send(HttpMethod.GET, path, null, null).statusCode()).as(path).isIn(401, 404);
      assertThat(send(HttpMethod.GET, path, TestTokens.bearer(TestTokens.customer("alice")), null).statusCode()).as(path).isIn(403, 404);
    }
  }

  @Test
  void healthAndMetricsStayOpen() throws Exception {
    assertThat(send(HttpMethod.GET, "/health/live", null, null).statusCode()).isEqualTo(200);
    assertThat(send(HttpMethod.GET, "/health/ready", null, null).statusCode()).isEqualTo(200);
    assertThat(send(HttpMethod.GET, "/openapi.yaml", null, null).statusCode()).isEqualTo(200);
  }

  /** The classic confusion: HMAC with the RSA public key as the secret, hoping the verifier uses it so. */
  private static String hs256WithThePublicKey(Map<String, Object> claims) throws Exception {
    String unsigned = TestTokens.unsigned(claims);
    String payload = unsigned.substring(unsigned.indexOf('.') + 1, unsigned.length() - 1);
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    String input = base64url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestTokens.DEFAULT.publicKeyPem().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input + "." + base64url.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void checksAHeaderValueOutsideHttpAsTheRoutesDo() throws Exception {
    Caller service = guard.check(TestTokens.bearer(TestTokens.internal()), Access.INTERNAL).await(10, TimeUnit.SECONDS);
    assertThat(service.subject()).isEqualTo("service-test");

    assertThat(failure(guard.check(null, Access.INTERNAL))).isInstanceOf(InvalidTokenException.class);
    assertThat(failure(guard.check("Basic c2VydmljZTpzZWNyZXQ=", Access.INTERNAL))).isInstanceOf(InvalidTokenException.class);
    assertThat(failure(guard.check(TestTokens.bearer("not.a.token"), Access.CUSTOMER))).isInstanceOf(InvalidTokenException.class);
    assertThat(failure(guard.check(TestTokens.bearer(TestTokens.customer("alice")), Access.INTERNAL)))
        .isInstanceOf(MissingGrantException.class)
        .hasMessageContaining("alice");
    assertThat(catchThrowable(() -> guard.check(TestTokens.bearer(TestTokens.internal()), Access.OPEN)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Throwable failure(Future<Caller> check) {
    return catchThrowable(() -> check.await(10, TimeUnit.SECONDS));
  }
}
