package dev.vertxshop.platform.auth;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Optional;

/**
 * The verified caller of the request being served, kept on the request's own (duplicated) Vert.x
 * context, so that a call to another service made while serving it can forward its token without
 * every layer in between passing it along. Outside a request (timers, recovery) there is none.
 */
public final class CallerContext {

  private static final Object KEY = CallerContext.class;

  private CallerContext() {}

  static void set(Caller caller) {
    if (Vertx.currentContext() instanceof ContextInternal context && context.isDuplicate()) {
      context.localContextData().put(KEY, caller);
    }
  }

  /** The caller of the request being served on this context, if any. */
  public static Optional<Caller> current() {
    if (Vertx.currentContext() instanceof ContextInternal context && context.isDuplicate()) {
      return Optional.ofNullable((Caller) context.localContextData().get(KEY));
    }
    return Optional.empty();
  }
}
