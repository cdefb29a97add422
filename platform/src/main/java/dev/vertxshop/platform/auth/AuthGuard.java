package dev.vertxshop.platform.auth;

import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route handlers that let a request through only with what its operation requires ({@link Access}).
 * No usable bearer token (missing, malformed, bad signature, expired, another issuer or audience,
 * {@code alg: none}...) is answered 401 with {@code WWW-Authenticate: Bearer} and one and the same
 * problem whatever was wrong, so that a client learns nothing about what the shop checks; the reason
 * goes to the log at debug. A valid token without the grant the operation needs is answered 403. The
 * caller is put on the routing context ({@link Caller#of}).
 */
public final class AuthGuard {

  private static final Logger LOG = LoggerFactory.getLogger(AuthGuard.class);
  private static final String BEARER = "bearer ";
  /** Longer headers are refused before any parsing; real tokens are a few kilobytes at most. */
  static final int MAX_TOKEN_CHARS = 8192;
  private static final Duration KEYS_RETRY_AFTER = Duration.ofSeconds(5);

  private final TokenVerifier verifier;
  private final AuthSettings settings;

  private AuthGuard(TokenVerifier verifier, AuthSettings settings) {
    this.verifier = verifier;
    this.settings = settings;
  }

  /** A guard checking tokens as {@code settings} say; {@link #close()} it with the service. */
  public static AuthGuard create(Vertx vertx, AuthSettings settings) {
    return new AuthGuard(TokenVerifier.create(vertx, settings), settings);
  }

  /** The handler that requires {@code access}, then calls the next handler. */
  public Handler<RoutingContext> require(Access access) {
    return ctx -> authorize(ctx, access);
  }

  /** Lets {@code ctx} go on ({@link RoutingContext#next()}) if it carries what {@code access} needs; fails it otherwise. */
  public void authorize(RoutingContext ctx, Access access) {
    if (access == Access.OPEN) {
      ctx.next();
      return;
    }
    check(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), access).onComplete(caller -> {
      caller.attachTo(ctx);
      CallerContext.set(caller);
      ctx.next();
    }, failure -> refuse(ctx, failure));
  }

  /**
   * The caller behind {@code authorization}, the value of an {@code Authorization} header (or of
   * gRPC's {@code authorization} metadata; null when absent), if it carries what {@code access}
   * needs. Otherwise the future fails with {@link InvalidTokenException} (no usable bearer token),
   * {@link MissingGrantException} (a valid token without the grant) or {@link
   * KeysUnavailableException}; the exception's message is for the log, never for the client. With
   * the keys in memory and a token seen before, the future is complete on return.
   */
  public Future<Caller> check(String authorization, Access access) {
    if (access == Access.OPEN) {
      throw new IllegalArgumentException("an open operation has no caller to check");
    }
    String token = bearerToken(authorization);
    if (token == null) {
      return Future.failedFuture(new InvalidTokenException("no bearer token"));
    }
    return verifier.verify(token).compose(caller -> allowed(access, caller)
        ? Future.succeededFuture(caller)
        : Future.failedFuture(new MissingGrantException(caller, access)));
  }

  /**
   * {@link #authorize} unless the request was authorized already (its {@link Caller} is on {@code
   * ctx}), in which case only the grant {@code access} needs is checked again: the operation's own
   * check, behind the one that ran before the request was read.
   */
  public void confirm(RoutingContext ctx, Access access) {
    Caller caller = Caller.of(ctx).orElse(null);
    if (caller == null || access == Access.OPEN) {
      authorize(ctx, access);
    } else if (allowed(access, caller)) {
      ctx.next();
    } else {
      ctx.fail(forbidden());
    }
  }

  boolean allowed(Access access, Caller caller) {
    return switch (access) {
      case OPEN, CUSTOMER -> true;
      case INTERNAL -> caller.has(settings.internalGrant())
          || settings.service().mode() == ServiceCredentialSettings.Mode.FORWARD;
      case ADMIN -> caller.has(settings.adminGrant());
    };
  }

  /** Whether {@code caller} holds the admin grant. */
  public boolean isAdmin(Caller caller) {
    return caller.has(settings.adminGrant());
  }

  private void refuse(RoutingContext ctx, Throwable failure) {
    if (failure instanceof KeysUnavailableException) {
      ctx.fail(ProblemException.serviceUnavailable("Tokens cannot be checked now; try again later", KEYS_RETRY_AFTER));
      return;
    }
    LOG.debug("{} {}: {}", ctx.request().method(), ctx.request().path(), failure.getMessage());
    if (failure instanceof MissingGrantException) {
      ctx.fail(forbidden());
    } else {
      unauthorized(ctx);
    }
  }

  private static void unauthorized(RoutingContext ctx) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ctx.fail(unauthorized());
  }

  private static ProblemException forbidden() {
    return new ProblemException(Problem.of("forbidden", "Forbidden", 403, "This operation needs a grant the token does not carry"));
  }

  /** The one answer to every request without a usable token. */
  static ProblemException unauthorized() {
    return new ProblemException(Problem.of("unauthorized", "Unauthorized", 401, "A valid bearer token is required"));
  }

  /** The token of an {@code Authorization: Bearer <token>} header; null when there is none. */
  static String bearerToken(String header) {
    if (header == null || header.length() > MAX_TOKEN_CHARS + BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  public void close() {
    verifier.close();
  }
}
