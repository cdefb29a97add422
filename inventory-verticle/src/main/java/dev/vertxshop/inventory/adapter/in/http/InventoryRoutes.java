package dev.vertxshop.inventory.adapter.in.http;

import dev.vertxshop.inventory.application.InventoryService;
import dev.vertxshop.inventory.application.InventoryStore.SavedProduct;
import dev.vertxshop.inventory.domain.InvalidInputException;
import dev.vertxshop.inventory.domain.Refusal;
import dev.vertxshop.inventory.domain.Reservation;
import dev.vertxshop.inventory.domain.ReserveOutcome;
import dev.vertxshop.inventory.domain.Transition;
import dev.vertxshop.platform.auth.Access;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.platform.http.ProblemException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The handlers of the operations in {@code openapi/inventory.yaml}. Requests reach them validated
 * against the contract; they turn the request into domain values, call the use case and map the
 * outcome to a response or a problem. The catalogue is open to anyone; changing a product needs
 * the admin grant, and reservations, which only orders makes, the internal grant.
 */
public final class InventoryRoutes {

  static final int DEFAULT_LIMIT = 100;

  private final InventoryService service;

  public InventoryRoutes(InventoryService service) {
    this.service = service;
  }

  /** Registers every operation of the contract on {@code api}. */
  public HttpApi register(HttpApi api) {
    return api
        .handle("putProduct", Access.ADMIN, this::putProduct)
        .handle("getProduct", Access.OPEN, this::getProduct)
        .handle("listProducts", Access.OPEN, this::listProducts)
        .handle("reserve", Access.INTERNAL, this::reserve)
        .handle("getReservation", Access.INTERNAL, this::getReservation)
        .handle("cancelReservation", Access.INTERNAL, this::cancelReservation)
        .handle("commitReservation", Access.INTERNAL, this::commitReservation);
  }

  private void putProduct(RoutingContext ctx) {
    ValidatedRequest request = validated(ctx);
    String productId = pathParameter(request, "productId");
    parse(ctx, () -> JsonMapping.productDefinition(productId, request.getBody().getJsonObject()))
        .ifPresent(definition -> service.defineProduct(definition)
            .onSuccess(saved -> answerSaved(ctx, saved))
            .onFailure(ctx::fail));
  }

  private void answerSaved(RoutingContext ctx, SavedProduct saved) {
    if (saved.created()) {
      HttpApi.created(ctx, "/api/products/" + saved.product().productId(), JsonMapping.product(saved.product()));
    } else {
      HttpApi.json(ctx, 200, JsonMapping.product(saved.product()));
    }
  }

  private void getProduct(RoutingContext ctx) {
    String productId = pathParameter(validated(ctx), "productId");
    service.product(productId)
        .onSuccess(found -> found.ifPresentOrElse(
            product -> HttpApi.json(ctx, 200, JsonMapping.product(product)),
            () -> ctx.fail(ProblemException.notFound("No product " + productId))))
        .onFailure(ctx::fail);
  }

  private void listProducts(RoutingContext ctx) {
    ValidatedRequest request = validated(ctx);
    RequestParameter ids = request.getQuery().get("ids");
    RequestParameter limit = request.getQuery().get("limit");
    List<String> productIds = ids == null || ids.isNull() ? List.of() : List.of(ids.getString().split(","));
    int max = limit == null || limit.isNull() ? DEFAULT_LIMIT : limit.getInteger();
    service.products(productIds, max)
        .onSuccess(products -> HttpApi.json(ctx, 200, JsonMapping.products(products)))
        .onFailure(ctx::fail);
  }

  private void reserve(RoutingContext ctx) {
    ValidatedRequest request = validated(ctx);
    parse(ctx, () -> JsonMapping.reservationRequest(request.getBody().getJsonObject()))
        .ifPresent(reservation -> service.reserve(reservation)
            .onSuccess(outcome -> answerReserve(ctx, outcome))
            .onFailure(ctx::fail));
  }

  private void answerReserve(RoutingContext ctx, ReserveOutcome outcome) {
    if (outcome instanceof ReserveOutcome.Reserved reserved) {
      Reservation reservation = reserved.reservation();
      HttpApi.created(ctx, "/api/reservations/" + reservation.reservationId(), JsonMapping.reservation(reservation));
    } else if (outcome instanceof ReserveOutcome.AlreadyExists existing) {
      HttpApi.json(ctx, 200, JsonMapping.reservation(existing.reservation()));
    } else if (outcome instanceof ReserveOutcome.UnknownProduct unknown) {
      ctx.fail(new ProblemException(Problem.of("unknown-product", "Unknown product", 422,
              "No product " + unknown.productId() + "; nothing was reserved")
          .with("productId", unknown.productId())));
    } else if (outcome instanceof ReserveOutcome.InsufficientStock insufficient) {
      ctx.fail(new ProblemException(Problem.of("insufficient-stock", "Insufficient stock", 409,
              insufficient.requested() + " units of " + insufficient.productId() + " requested, "
                  + insufficient.available() + " available; nothing was reserved")
          .with("productId", insufficient.productId())));
    }
  }

  private void getReservation(RoutingContext ctx) {
    String reservationId = pathParameter(validated(ctx), "reservationId");
    service.reservation(reservationId)
        .onSuccess(found -> found.ifPresentOrElse(
            reservation -> HttpApi.json(ctx, 200, JsonMapping.reservation(reservation)),
            () -> ctx.fail(ProblemException.notFound("No reservation " + reservationId))))
        .onFailure(ctx::fail);
  }

  private void cancelReservation(RoutingContext ctx) {
    String reservationId = pathParameter(validated(ctx), "reservationId");
    service.cancel(reservationId)
        .onSuccess(transition -> answerTransition(ctx, transition))
        .onFailure(ctx::fail);
  }

  private void commitReservation(RoutingContext ctx) {
    String reservationId = pathParameter(validated(ctx), "reservationId");
    service.commit(reservationId)
        .onSuccess(found -> found.ifPresentOrElse(
            transition -> answerTransition(ctx, transition),
            () -> ctx.fail(ProblemException.notFound("No reservation " + reservationId))))
        .onFailure(ctx::fail);
  }

  /** A changed or unchanged reservation is answered as it now stands; a refusal is a conflict. */
  private void answerTransition(RoutingContext ctx, Transition transition) {
    if (transition instanceof Transition.Refused refused) {
      ctx.fail(refusal(refused));
    } else {
      HttpApi.json(ctx, 200, JsonMapping.reservation(transition.reservation()));
    }
  }

  private static ProblemException refusal(Transition.Refused refused) {
    String id = refused.reservation().reservationId();
    if (refused.refusal() == Refusal.ALREADY_COMMITTED) {
      return new ProblemException(Problem.of("reservation-committed", "Reservation committed", 409,
              "Reservation " + id + " is committed; its stock cannot be given back")
          .with("reservationId", id));
    }
    return new ProblemException(Problem.of("reservation-cancelled", "Reservation cancelled", 409,
            "Reservation " + id + " is cancelled; its stock was given back")
        .with("reservationId", id));
  }

  /**
   * Builds a domain value from the validated request; a rule the contract cannot express (such as
   * no product twice in one reservation) fails the request with a 400 problem.
   */
  private static <T> Optional<T> parse(RoutingContext ctx, Supplier<T> parser) {
    try {
      return Optional.of(parser.get());
    } catch (InvalidInputException e) {
      ctx.fail(ProblemException.badRequest(e.getMessage()));
      return Optional.empty();
    }
  }

  private static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  private static String pathParameter(ValidatedRequest request, String name) {
    return request.getPathParameters().get(name).getString();
  }
}
