package dev.vertxshop.analytics.adapter.in.http;

import dev.vertxshop.analytics.application.AnalyticsService;
import dev.vertxshop.analytics.domain.InvalidInputException;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.http.ProblemException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The handlers of the operations in {@code openapi/analytics.yaml}. Requests reach them validated
 * against the contract; what the contract cannot say (a real calendar date, a range that ends
 * after it starts) is checked here and answered 400.
 */
public final class AnalyticsRoutes {

  private final AnalyticsService service;

  public AnalyticsRoutes(AnalyticsService service) {
    this.service = service;
  }

  /** Registers every operation of the contract on {@code api}. */
  public HttpApi register(HttpApi api) {
    return api.handle("getConversions", this::getConversions);
  }

  private void getConversions(RoutingContext ctx) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    LocalDate from;
    LocalDate to;
    try {
      from = date(request, "from");
      to = date(request, "to");
    } catch (InvalidInputException e) {
      ctx.fail(ProblemException.badRequest(e.getMessage()));
      return;
    }
    service.conversions(from, to)
        .onSuccess(report -> HttpApi.json(ctx, 200, JsonMapping.report(report)))
        .onFailure(failure -> ctx.fail(failure instanceof InvalidInputException invalid
            ? ProblemException.badRequest(invalid.getMessage())
            : failure));
  }

  /** The query parameter as a calendar date, or null when it is absent. */
  private static LocalDate date(ValidatedRequest request, String name) {
    RequestParameter parameter = request.getQuery().get(name);
    if (parameter == null || parameter.isNull()) {
      return null;
    }
    String text = parameter.getString();
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name + " must be a calendar date (YYYY-MM-DD), not '" + text + "'");
    }
  }
}
