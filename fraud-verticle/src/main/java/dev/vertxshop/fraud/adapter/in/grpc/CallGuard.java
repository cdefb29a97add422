package dev.vertxshop.fraud.adapter.in.grpc;

import dev.vertxshop.platform.auth.Access;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.auth.Caller;
import dev.vertxshop.platform.auth.KeysUnavailableException;
import dev.vertxshop.platform.auth.MissingGrantException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.StatusException;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a gRPC call reach its handler only with the services' credential: {@code authorization:
 * Bearer <token>} metadata whose token carries the internal grant ({@link Access#INTERNAL}), as the
 * HTTP endpoints that only services call require it. Otherwise the call ends at once, before any
 * message is read: {@code UNAUTHENTICATED} for a missing or unusable token (one and the same message
 * whatever was wrong, the reason at debug in the log), {@code PERMISSION_DENIED} for a valid token
 * without the grant, {@code UNAVAILABLE} while the identity provider's keys have not been fetched.
 *
 * <p>A token checked before is known at once and the call goes straight on; otherwise the request is
 * paused until the check is done, so no message is read or lost meanwhile.
 */
public final class CallGuard {

  private static final Logger LOG = LoggerFactory.getLogger(CallGuard.class);
  /** The message of every {@code UNAUTHENTICATED} refusal, whatever was wrong with the credential. */
  public static final String UNAUTHENTICATED = "a valid bearer token is required in the authorization metadata";
  /** The message of a {@code PERMISSION_DENIED} refusal. */
  public static final String PERMISSION_DENIED = "this call needs a grant the token does not carry";
  /** The message of an {@code UNAVAILABLE} refusal. */
  public static final String KEYS_UNAVAILABLE = "tokens cannot be checked now; try again later";

  private final AuthGuard auth;
  private final Consumer<GrpcStatus> refused;

  /** A guard checking tokens with {@code auth}; {@code refused} hears the status of every refused call. */
  CallGuard(AuthGuard auth, Consumer<GrpcStatus> refused) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.refused = Objects.requireNonNull(refused, "refused");
  }

  /** {@code call}, behind the check of the request's credential. */
  <Req, Resp> Handler<GrpcServerRequest<Req, Resp>> admit(Handler<GrpcServerRequest<Req, Resp>> call) {
    return request -> {
      Future<Caller> caller = auth.check(request.headers().get("authorization"), Access.INTERNAL);
      if (caller.isComplete()) {
        proceed(request, caller, call);
        return;
      }
      request.pause();
      caller.onComplete(ignored -> {
        proceed(request, caller, call);
        request.resume();
      });
    };
  }

  private <Req, Resp> void proceed(GrpcServerRequest<Req, Resp> request, Future<Caller> caller,
      Handler<GrpcServerRequest<Req, Resp>> call) {
    if (caller.succeeded()) {
      call.handle(request);
      return;
    }
    StatusException refusal = refusal(caller.cause());
    LOG.debug("{} refused ({}): {}", request.fullMethodName(), refusal.status(), caller.cause().getMessage());
    refused.accept(refusal.status());
    request.response().fail(refusal);
  }

  private static StatusException refusal(Throwable failure) {
    if (failure instanceof MissingGrantException) {
      return new StatusException(GrpcStatus.PERMISSION_DENIED, PERMISSION_DENIED);
    }
    if (failure instanceof KeysUnavailableException) {
      return new StatusException(GrpcStatus.UNAVAILABLE, KEYS_UNAVAILABLE);
    }
    return new StatusException(GrpcStatus.UNAUTHENTICATED, UNAUTHENTICATED);
  }
}
