package dev.vertxshop.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Verifies bearer tokens: the signature with the identity provider's key (RS256 or ES256, chosen by
 * the key, never by the token), {@code iss}, {@code aud}, {@code exp} (required) and {@code nbf}
 * with the configured leeway, and a {@code sub}. Keys are in memory, so a verification finishes
 * before {@link #verify} returns. A token found valid is remembered for at most {@link
 * #REMEMBERED} (never beyond its {@code exp}), so that the service token, which comes with every
 * call between services, and a customer's repeated calls are not checked again each time; a key
 * taken out of the JWKS is thus honoured for up to that long.
 */
public final class TokenVerifier {

  static final Duration REMEMBERED = Duration.ofSeconds(60);
  /** Past this many remembered tokens, all are forgotten at once (a flood of distinct tokens). */
  static final int MAX_REMEMBERED = 10_000;

  private final Clock clock;
  private final Map<String, Valid> remembered = new ConcurrentHashMap<>();
  private final Supplier<JWTAuth> keys;
  private final Runnable unknownKey;
  private final Runnable close;

  /** A token found valid, and until when it may be taken as such without checking it again. */
  private record Valid(Caller caller, long untilMillis) {}

  private TokenVerifier(Supplier<JWTAuth> keys, Runnable unknownKey, Runnable close) {
    this.clock = Clock.systemUTC();
    this.keys = keys;
    this.unknownKey = unknownKey;
    this.close = close;
  }

  /** A verifier for {@code settings}: its public key, or its JWKS URL (fetched now and then again). */
  public static TokenVerifier create(Vertx vertx, AuthSettings settings) {
    JWTOptions checks = checks(settings);
    if (settings.publicKeyPem().isPresent()) {
      JWTAuth auth = fromPem(vertx, settings.publicKeyPem().get(), checks);
      return new TokenVerifier(() -> auth, () -> {}, () -> {});
    }
    JwksKeys jwks = JwksKeys.start(vertx, settings.jwksUrl().orElseThrow(), settings.jwksRefresh(), checks);
    return new TokenVerifier(jwks::current, jwks::refreshSoon, jwks::close);
  }

  static JWTOptions checks(AuthSettings settings) {
    return new JWTOptions()
        .setIssuer(settings.issuer())
        .setAudience(List.of(settings.audience()))
        .setLeeway((int) settings.leeway().toSeconds());
  }

  private static JWTAuth fromPem(Vertx vertx, String pem, JWTOptions checks) {
    PublicKey key = PublicKeys.parse(AuthSettings.PUBLIC_KEY, pem);
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .setJWTOptions(checks)
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(PublicKeys.algorithm(AuthSettings.PUBLIC_KEY, key)).setBuffer(pem)));
  }

  /**
   * The caller of a valid {@code token}; otherwise fails with {@link InvalidTokenException} (its
   * message says why, for the log only), or with {@link KeysUnavailableException} while the JWKS
   * has not been fetched yet.
   */
  public Future<Caller> verify(String token) {
    long now = clock.millis();
    Valid known = remembered.get(token);
    if (known != null && known.untilMillis() > now) {
      return Future.succeededFuture(known.caller());
    }
    JWTAuth auth = keys.get();
    if (auth == null) {
      return Future.failedFuture(new KeysUnavailableException());
    }
    return auth.authenticate(new TokenCredentials(token)).transform(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof NoSuchKeyIdException) {
          unknownKey.run();
        }
        return Future.failedFuture(new InvalidTokenException(String.valueOf(ar.cause().getMessage())));
      }
      return caller(ar.result(), token);
    });
  }

  private Future<Caller> caller(User user, String token) {
    JsonObject claims = user.principal();
    JsonObject payload = user.attributes().getJsonObject("accessToken", claims);
    if (!(payload.getValue("exp") instanceof Number)) {
      return Future.failedFuture(new InvalidTokenException("the token has no exp"));
    }
    if (!(payload.getValue("sub") instanceof String subject) || subject.isBlank()) {
      return Future.failedFuture(new InvalidTokenException("the token has no sub"));
    }
    Caller caller = new Caller(subject, grants(payload), token);
    remember(caller, payload.getLong("exp"));
    return Future.succeededFuture(caller);
  }

  private void remember(Caller caller, long expSeconds) {
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    long now = clock.millis();
    long until = Math.min(now + REMEMBERED.toMillis(), expSeconds * 1000);
    if (until > now) {
      remembered.put(caller.token(), new Valid(caller, until));
    }
  }

  /** The scopes of {@code scope} (space-separated) and the roles of {@code roles} (an array). */
  static Set<String> grants(JsonObject claims) {
    Set<String> grants = new HashSet<>();
    if (claims.getValue("scope") instanceof String scope) {
      for (String name : scope.trim().split("\\s+")) {
        if (!name.isEmpty()) {
          grants.add(name);
        }
      }
    }
    if (claims.getValue("roles") instanceof JsonArray roles) {
      for (Object role : roles) {
        if (role instanceof String name && !name.isBlank()) {
          grants.add(name);
        }
      }
    }
    return grants;
  }

  /** Stops refreshing the JWKS, if any. */
  public void close() {
    close.run();
  }
}
