package dev.vertxshop.grpcinterop;

import static dev.vertxshop.fraud.adapter.in.grpc.CallGuard.KEYS_UNAVAILABLE;
import static dev.vertxshop.fraud.adapter.in.grpc.CallGuard.PERMISSION_DENIED;
import static dev.vertxshop.fraud.adapter.in.grpc.CallGuard.UNAUTHENTICATED;

import dev.vertxshop.platform.auth.Access;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.auth.Caller;
import dev.vertxshop.platform.auth.KeysUnavailableException;
import dev.vertxshop.platform.auth.MissingGrantException;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.vertx.core.Future;
import java.util.Objects;

/**
 * The fraud service's credential check (its {@code CallGuard}) for the grpc-java yardstick, so that
 * both servers do the same work per call: a call reaches the service only with {@code authorization:
 * Bearer <token>} metadata whose token carries the internal grant, checked by the same platform
 * {@link AuthGuard}. Otherwise the call is closed before any message is read, with the Vert.x
 * service's statuses and messages ({@link dev.vertxshop.fraud.adapter.in.grpc.CallGuard}): {@code UNAUTHENTICATED} for a missing or unusable token, {@code
 * PERMISSION_DENIED} for a valid token without the grant, {@code UNAVAILABLE} while the keys cannot
 * be had.
 *
 * <p>With the keys in memory (a PEM key) {@link AuthGuard#check} is complete when it returns. A check
 * that is not (none is, with the platform's verifier) is refused {@code UNAVAILABLE}, as while keys
 * are missing, rather than let the call in unchecked or block the transport's event loop.
 */
public final class GrpcJavaCallGuard implements ServerInterceptor {

  private final AuthGuard auth;

  public GrpcJavaCallGuard(AuthGuard auth) {
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  @Override
  public <Req, Resp> ServerCall.Listener<Req> interceptCall(ServerCall<Req, Resp> call, Metadata headers,
      ServerCallHandler<Req, Resp> next) {
    Future<Caller> caller = auth.check(headers.get(BearerCredential.AUTHORIZATION), Access.INTERNAL);
    if (caller.succeeded()) {
      return next.startCall(call, headers);
    }
    call.close(caller.failed() ? refusal(caller.cause()) : Status.UNAVAILABLE.withDescription(KEYS_UNAVAILABLE), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static Status refusal(Throwable failure) {
    if (failure instanceof MissingGrantException) {
      return Status.PERMISSION_DENIED.withDescription(PERMISSION_DENIED);
    }
    if (failure instanceof KeysUnavailableException) {
      return Status.UNAVAILABLE.withDescription(KEYS_UNAVAILABLE);
    }
    return Status.UNAUTHENTICATED.withDescription(UNAUTHENTICATED);
  }
}
