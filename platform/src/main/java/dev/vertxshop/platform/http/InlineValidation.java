package dev.vertxshop.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates each operation's request against the OpenAPI document on the event loop that received
 * it, with the same checks and the same outcome as the router builder's own validation: the
 * validated request under {@link RouterBuilder#KEY_META_DATA_VALIDATED_REQUEST}, or a failure of
 * status 400 carrying the {@link ValidatorException}. The builder's validation hands every request
 * to a worker thread and back (the validator runs in {@code executeBlocking}); the checks take
 * microseconds, so those two thread hops cost every request more than the validation does.
 */
final class InlineValidation extends RequestValidatorImpl {

  private final RequestExtractor extractor;

  InlineValidation(Vertx vertx, OpenAPIContract contract, RequestExtractor extractor) {
    super(vertx, contract);
    this.extractor = extractor;
  }

  /** The route handler that validates requests of {@code operation}, first of its route. */
  Handler<RoutingContext> handler(Operation operation) {
    return ctx -> extractor.extractValidatableRequest(ctx, operation)
        .compose(request -> validate(request, operation))
        .onSuccess(validated -> {
          ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          ctx.next();
        })
        .onFailure(failure -> ctx.fail(failure instanceof ValidatorException
            ? new HttpException(400, failure.getMessage(), failure)
            : failure));
  }

  private Future<ValidatedRequest> validate(ValidatableRequest request, Operation operation) {
    try {
      return Future.succeededFuture(validateNow(request, operation));
    } catch (ValidatorException invalid) {
      return Future.failedFuture(invalid);
    }
  }

  private ValidatedRequest validateNow(ValidatableRequest request, Operation operation) {
    Map<String, RequestParameter> cookies = new HashMap<>(request.getCookies().size());
    Map<String, RequestParameter> headers = new HashMap<>(request.getHeaders().size());
    Map<String, RequestParameter> path = new HashMap<>(request.getPathParameters().size());
    Map<String, RequestParameter> query = new HashMap<>(request.getQuery().size());
    for (Parameter parameter : operation.getParameters()) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case COOKIE -> cookies.put(name, validateParameter(parameter, request.getCookies().get(name)));
        case HEADER -> headers.put(name, validateParameter(parameter, request.getHeaders().get(name)));
        case PATH -> path.put(name, validateParameter(parameter, request.getPathParameters().get(name)));
        case QUERY -> query.put(name, validateParameter(parameter, request.getQuery().get(name)));
      }
    }
    RequestParameter body = validateBody(operation.getRequestBody(), request);
    return new ValidatedRequestImpl(cookies, headers, path, query, body);
  }
}
