package dev.vertxshop.platform.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who sent a request, from its verified bearer token: the subject ({@code sub}), what the token
 * grants, and the token itself (to forward it when {@code auth.service.mode} is {@code forward}).
 *
 * <p>A grant is held when the token's {@code scope} claim (space-separated, as OAuth 2 writes it)
 * lists it, or when its {@code roles} claim (an array of strings) contains it; both count the same.
 */
public record Caller(String subject, Set<String> grants, String token) {

  private static final String KEY = Caller.class.getName();

  public Caller {
    Objects.requireNonNull(subject, "subject");
    grants = Set.copyOf(grants);
    Objects.requireNonNull(token, "token");
  }

  public boolean has(String grant) {
    return grants.contains(grant);
  }

  /** The caller that the guard put on {@code ctx}, if the route required a token. */
  public static Optional<Caller> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(KEY));
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  @Override
  public String toString() {
    return "Caller[subject=" + subject + ", grants=" + grants + "]";
  }
}
