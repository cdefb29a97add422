package dev.vertxshop.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's signing keys, from its JWKS URL: fetched at start, again every refresh
 * interval, and again soon after a token names a key id it does not know (a key rotation), at most
 * once per {@link #MIN_REFETCH}. A failed fetch keeps the keys in hand. Only RSA keys (RS256) and
 * EC P-256 keys (ES256) meant for signatures are used.
 */
final class JwksKeys {

  private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);
  static final Duration MIN_REFETCH = Duration.ofSeconds(30);
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final URI url;
  private final JWTOptions checks;
  private final WebClient client;
  private final long timerId;
  private volatile JWTAuth current;
  private volatile long lastFetchNanos = System.nanoTime() - MIN_REFETCH.toNanos();
  private volatile boolean fetching;

  private JwksKeys(Vertx vertx, URI url, Duration refresh, JWTOptions checks) {
    this.vertx = vertx;
    this.url = url;
    this.checks = checks;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) FETCH_TIMEOUT.toMillis())
        .setUserAgent("vertx-shop"));
    this.timerId = vertx.setPeriodic(refresh.toMillis(), id -> fetch());
  }

  static JwksKeys start(Vertx vertx, URI url, Duration refresh, JWTOptions checks) {
    JwksKeys keys = new JwksKeys(vertx, url, refresh, checks);
    keys.fetch();
    return keys;
  }

  /** The keys fetched last; null before the first fetch succeeded. */
  JWTAuth current() {
    return current;
  }

  /** Fetches again unless a fetch is under way or the last one started less than {@link #MIN_REFETCH} ago. */
  void refreshSoon() {
    if (System.nanoTime() - lastFetchNanos >= MIN_REFETCH.toNanos()) {
      fetch();
    }
  }

  /** Fetches the JWKS now; the future completes when the keys in hand are the new ones, or fails. */
  Future<Void> fetch() {
    if (fetching) {
      return Future.succeededFuture();
    }
    fetching = true;
    lastFetchNanos = System.nanoTime();
    return client.getAbs(url.toString()).timeout(FETCH_TIMEOUT.toMillis()).send()
        .compose(response -> {
          if (response.statusCode() != 200) {
            return Future.failedFuture("answered " + response.statusCode());
          }
          return Future.succeededFuture(usableKeys(response.bodyAsJsonObject()));
        })
        .compose(keys -> {
          if (keys.isEmpty()) {
            return Future.failedFuture("it holds no RS256 or ES256 signing key");
          }
          JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(checks);
          keys.forEach(options::addJwk);
          current = JWTAuth.create(vertx, options);
          LOG.debug("Loaded {} signing keys from the JWKS at {}", keys.size(), url);
          return Future.<Void>succeededFuture();
        })
        .onFailure(failure -> LOG.warn("Cannot load the identity provider's keys from {} ({}); {}", url, failure.getMessage(),
            current == null ? "no token can be checked until they load" : "the keys loaded before stay in use"))
        .eventually(() -> {
          fetching = false;
          return Future.succeededFuture();
        });
  }

  /** The keys of {@code jwks} this verifier can use, each with its {@code alg} set. */
  static List<JsonObject> usableKeys(JsonObject jwks) {
    List<JsonObject> usable = new ArrayList<>();
    if (jwks == null || !(jwks.getValue("keys") instanceof JsonArray keys)) {
      return usable;
    }
    for (Object entry : keys) {
      if (!(entry instanceof JsonObject jwk) || jwk.containsKey("use") && !"sig".equals(jwk.getValue("use"))) {
        continue;
      }
      String algorithm = switch (String.valueOf(jwk.getValue("kty"))) {
        case "RSA" -> "RS256";
        case "EC" -> "P-256".equals(jwk.getValue("crv")) ? "ES256" : null;
        default -> null;
      };
      if (algorithm == null || jwk.containsKey("alg") && !algorithm.equals(jwk.getValue("alg"))) {
        continue;
      }
      JsonObject key = jwk.copy().put("alg", algorithm);
      try {
        JWTAuth.create(null, new JWTAuthOptions().addJwk(key));
        usable.add(key);
      } catch (RuntimeException e) {
        LOG.warn("Skipping a JWKS key that cannot be read (kid {}): {}", jwk.getValue("kid"), e.getMessage());
      }
    }
    return usable;
  }

  void close() {
    vertx.cancelTimer(timerId);
    client.close();
  }
}
