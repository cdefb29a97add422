package dev.vertxshop.orders.adapter.in.http;

import dev.vertxshop.orders.application.CatalogueUnavailableException;
import dev.vertxshop.orders.application.IdempotencyKeyReusedException;
import dev.vertxshop.orders.application.OrderService;
import dev.vertxshop.orders.application.Placement;
import dev.vertxshop.orders.domain.IdempotencyKey;
import dev.vertxshop.orders.domain.IdempotentRequest;
import dev.vertxshop.orders.domain.InvalidOrderException;
import dev.vertxshop.orders.domain.OrderRequest;
import dev.vertxshop.orders.domain.UnknownProductException;
import dev.vertxshop.platform.auth.Access;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.auth.Caller;
import dev.vertxshop.platform.http.DownstreamException;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.platform.http.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The operations of orders.yaml: parse, call the use case, map the result. Both need a bearer token
 * and act for its subject: an order is placed for the token's subject (a request body naming
 * another customer is refused 403 {@code customer-mismatch}), and an order of another customer is
 * answered 404 like a missing one, except to an operator (admin grant).
 */
public final class OrdersHttpHandlers {

  /** Seconds a client should wait before placing the order again when the catalogue is down. */
  /** When to try again after the catalogue could not be read, unless its breaker says otherwise. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  /** Set on an answer that repeats the answer to an earlier request with the same key. */
  static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
  private static final Pattern CANONICAL_UUID =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private final OrderService orders;
  private final AuthGuard guard;

  public OrdersHttpHandlers(OrderService orders, AuthGuard guard) {
    this.orders = orders;
    this.guard = guard;
  }

  /** Registers every operation of the document on {@code api}. */
  public HttpApi register(HttpApi api) {
    return api.handle("placeOrder", Access.CUSTOMER, this::placeOrder).handle("getOrder", Access.CUSTOMER, this::getOrder);
  }

  private void placeOrder(RoutingContext ctx) {
    Caller caller = Caller.of(ctx).orElseThrow();
    JsonObject body = HttpApi.body(ctx);
    String named = body.getString("customerId");
    if (named != null && !named.equals(caller.subject())) {
      ctx.fail(new ProblemException(Problem.of("customer-mismatch", "Customer mismatch", 403,
          "An order is placed for the authenticated customer only; leave customerId out or make it the token's subject")));
      return;
    }
    OrderRequest request;
    Optional<IdempotentRequest> idempotency;
    try {
      // The customer takes part in the idempotency hash, so another customer's key never finds this order.
      JsonObject forCaller = body.copy().put("customerId", caller.subject());
      request = OrderJson.request(forCaller);
      idempotency = idempotency(ctx, forCaller);
    } catch (InvalidOrderException e) {
      ctx.fail(ProblemException.badRequest(e.getMessage()));
      return;
    }
    orders.place(request, idempotency).onComplete(placement -> answerPlaced(ctx, placement), failure -> failPlacing(ctx, failure));
  }

  /** The key and the request's hash, when the request carries an {@code Idempotency-Key}. */
  private static Optional<IdempotentRequest> idempotency(RoutingContext ctx, JsonObject body) {
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    return key == null ? Optional.empty() : Optional.of(new IdempotentRequest(new IdempotencyKey(key), RequestHash.of(body)));
  }

  private static void answerPlaced(RoutingContext ctx, Placement placement) {
    if (placement.replayed()) {
      ctx.response().putHeader(IDEMPOTENT_REPLAYED, "true");
    }
    String location = "/api/orders/" + placement.order().id();
    if (placement.finished()) {
      HttpApi.created(ctx, location, OrderJson.placed(placement.order()));
    } else {
      ctx.response().putHeader(HttpHeaders.LOCATION, location);
      HttpApi.json(ctx, 202, OrderJson.placed(placement.order()));
    }
  }

  private static void failPlacing(RoutingContext ctx, Throwable failure) {
    if (failure instanceof UnknownProductException unknown) {
      ctx.fail(new ProblemException(Problem.of("unknown-product", "Unknown product", 422,
          "The catalogue has no product " + unknown.productId()).with("productId", unknown.productId())));
    } else if (failure instanceof CatalogueUnavailableException) {
      Duration retryAfter = failure.getCause() instanceof DownstreamException downstream
          ? downstream.retryAfter().orElse(DEFAULT_RETRY_AFTER)
          : DEFAULT_RETRY_AFTER;
      ctx.fail(ProblemException.serviceUnavailable(
          "The catalogue cannot be read now; nothing was ordered. Try again later.", retryAfter));
    } else if (failure instanceof IdempotencyKeyReusedException reused) {
      ctx.fail(ProblemException.unprocessable("idempotency-key-reused", "Idempotency key reused",
          reused.getMessage() + "; send a new key for a new order"));
    } else if (failure instanceof InvalidOrderException invalid) {
      ctx.fail(ProblemException.badRequest(invalid.getMessage()));
    } else {
      ctx.fail(failure);
    }
  }

  private void getOrder(RoutingContext ctx) {
    Optional<UUID> orderId = parseUuid(ctx.pathParam("orderId"));
    if (orderId.isEmpty()) {
      ctx.fail(ProblemException.badRequest("'" + ctx.pathParam("orderId") + "' is not an order id (a UUID)"));
      return;
    }
    Caller caller = Caller.of(ctx).orElseThrow();
    orders.find(orderId.get()).onComplete(
        found -> found.filter(order -> order.customerId().equals(caller.subject()) || guard.isAdmin(caller)).ifPresentOrElse(
            order -> HttpApi.json(ctx, 200, OrderJson.order(order)),
            () -> ctx.fail(ProblemException.notFound("No order " + orderId.get()))),
        ctx::fail);
  }

  static Optional<UUID> parseUuid(String text) {
    return text != null && CANONICAL_UUID.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
  }
}
