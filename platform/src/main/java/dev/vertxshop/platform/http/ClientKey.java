package dev.vertxshop.platform.http;

import dev.vertxshop.platform.auth.Caller;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Who sent a request, as a rate limit counts it. {@link #subjectOr} names an authenticated caller by
 * the token's subject, so one user is one client wherever they connect from; an anonymous request
 * falls back to its address.
 */
@FunctionalInterface
public interface ClientKey {

  /** The key of the client that sent the request in {@code ctx}. */
  String of(RoutingContext ctx);

  /**
   * The connection's remote address; when that address is one of {@code trustedProxies}, the
   * nearest address in {@code X-Forwarded-For} that is not a trusted proxy instead (the rightmost
   * entries are the ones the trusted proxies appended; the leftmost can be anything the client
   * wrote). Without trusted proxies the header is ignored, so a client cannot pick its own key.
   */
  static ClientKey address(Set<String> trustedProxies) {
    Set<String> proxies = Set.copyOf(trustedProxies);
    return ctx -> {
      SocketAddress remote = ctx.request().remoteAddress();
      String address = remote == null ? "unknown" : remote.hostAddress();
      if (!proxies.contains(address)) {
        return "ip:" + address;
      }
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded == null) {
        return "ip:" + address;
      }
      String[] hops = forwarded.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].trim();
        if (!hop.isEmpty() && !proxies.contains(hop)) {
          return "ip:" + hop;
        }
      }
      return "ip:" + address;
    };
  }

  /**
   * The subject ({@code sub}) of the request's verified bearer token ({@link Caller}) when the
   * operation required one, {@code anonymous} otherwise.
   */
  static ClientKey subjectOr(ClientKey anonymous) {
    return ctx -> Caller.of(ctx).map(caller -> "sub:" + caller.subject()).orElseGet(() -> anonymous.of(ctx));
  }
}
