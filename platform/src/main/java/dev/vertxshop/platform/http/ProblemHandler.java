package dev.vertxshop.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler of every HTTP server: whatever failed, the client gets an RFC 9457
 * problem. Unexpected failures are logged with an id that the answer repeats, and their details
 * stay in the log. A {@link DownstreamException} (another service gave no usable answer, or its
 * circuit breaker is open) is answered 503 {@code service-unavailable}; a problem that carries a
 * retry delay gets a {@code Retry-After} header.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  /** How the validator starts its messages about the body (rather than a parameter). */
  private static final String BODY_ERROR = "The value of the request body";

  private final String service;

  public ProblemHandler(String service) {
    this.service = service;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      LOG.warn("{}: {} {} failed after the response started", service, ctx.request().method(), ctx.request().path(), ctx.failure());
      response.reset();
      return;
    }
    Problem problem = toProblem(ctx);
    retryAfter(ctx.failure()).ifPresent(wait -> response.putHeader(HttpHeaders.RETRY_AFTER, ProblemException.retryAfterSeconds(wait)));
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(problem.toJson().encode());
  }

  /**
   * Answers 400 {@code bad-request} for a request Vert.x could not route at all, such as one whose
   * path is not valid percent-encoding; the router's error handler for 400.
   */
  public void unreadable(RoutingContext ctx) {
    if (!ctx.response().headWritten()) {
      ctx.response()
          .setStatusCode(400)
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .end(Problem.of("bad-request", "Bad request", 400, "The request path could not be read").toJson().encode());
    }
  }

  private Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException pe) {
      return pe.problem();
    }
    if (failure instanceof DownstreamException downstream) {
      LOG.warn("{}: {} {} answered 503: {}", service, ctx.request().method(), ctx.request().path(), downstream.getMessage());
      return ProblemException.unavailable(downstream).problem();
    }
    if (failure instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException validation) {
        return fromValidation(validation);
      }
      return fromStatus(http.getStatusCode(), http.getPayload());
    }
    if (failure instanceof ValidatorException validation) {
      return fromValidation(validation);
    }
    if (failure instanceof DecodeException decode) {
      return Problem.of("malformed-json", "Malformed JSON", 400, "The request body is not valid JSON");
    }
    if (failure == null) {
      return fromStatus(ctx.statusCode(), null);
    }
    String errorId = UUID.randomUUID().toString();
    LOG.error("{}: {} {} failed (error id {})", service, ctx.request().method(), ctx.request().path(), errorId, failure);
    return Problem.of("internal-error", "Internal error", 500, "The request could not be completed; error id " + errorId)
        .with("errorId", errorId);
  }

  private static Optional<Duration> retryAfter(Throwable failure) {
    if (failure instanceof ProblemException pe) {
      return pe.retryAfter();
    }
    if (failure instanceof DownstreamException downstream) {
      return downstream.retryAfter();
    }
    return Optional.empty();
  }

  private static Problem fromValidation(ValidatorException e) {
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT) {
      return Problem.of("unsupported-media-type", "Unsupported media type", 415, "The request body must be application/json");
    }
    if (e.type() == ValidatorErrorType.ILLEGAL_VALUE && !(e instanceof SchemaValidationException)) {
      return Problem.of("malformed-json", "Malformed JSON", 400, "The request body is not valid JSON");
    }
    if (e instanceof SchemaValidationException schema && e.getMessage().startsWith(BODY_ERROR)) {
      OutputUnit leaf = innermostError(schema.getOutputUnit());
      if (leaf != null) {
        String pointer = leaf.getInstanceLocation().replaceFirst("^#", "");
        String where = pointer.isEmpty() ? "request body" : "request body at " + pointer;
        return Problem.of("validation-failed", "Invalid request", 400, where + ": " + leaf.getError())
            .with("pointer", pointer.isEmpty() ? "/" : pointer);
      }
    }
    return Problem.of("validation-failed", "Invalid request", 400, e.getMessage());
  }

  /**
   * The most specific schema error: the validator reports every enclosing property and array as
   * failing too ("Property x does not match schema"); the useful one is the deepest that is not such
   * a wrapper.
   */
  private static OutputUnit innermostError(OutputUnit unit) {
    if (unit == null || unit.getErrors() == null) {
      return null;
    }
    OutputUnit best = null;
    for (OutputUnit error : unit.getErrors()) {
      String text = error.getError();
      if (text == null || error.getInstanceLocation() == null || isWrapper(text)) {
        continue;
      }
      if (best == null || error.getInstanceLocation().length() > best.getInstanceLocation().length()) {
        best = error;
      }
    }
    return best;
  }

  private static boolean isWrapper(String error) {
    return error.startsWith("Property \"") && error.contains(" does not match ")
        || error.startsWith("Items did not match")
        || error.startsWith("Item did not match")
        || error.startsWith("Prefix items did not match");
  }

  private static Problem fromStatus(int status, String payload) {
    return switch (status) {
      case 400 -> Problem.of("bad-request", "Bad request", 400, payload);
      case 401 -> Problem.of("unauthorized", "Unauthorized", 401, null);
      case 403 -> Problem.of("forbidden", "Forbidden", 403, null);
      case 404 -> Problem.of("not-found", "Not found", 404, "No resource at this path");
      case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405, "This path does not accept that method");
      case 413 -> Problem.of("payload-too-large", "Payload too large", 413, "The request body is larger than this service accepts");
      case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", 415, "The request body must be application/json");
      default -> status >= 400 && status < 600
          ? Problem.of(status < 500 ? "client-error" : "server-error", status < 500 ? "Client error" : "Server error", status, payload)
          : Problem.of("internal-error", "Internal error", 500, null);
    };
  }
}
