package dev.vertxshop.platform.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;

/**
 * Answers, before any router sees it, a request that cannot be read:
 *
 * <ul>
 *   <li>one the HTTP codec refused: a request line over {@link ServerLimits#maxInitialLineBytes()}
 *       414 {@code uri-too-long}, headers over {@link ServerLimits#maxHeaderBytes()} 431 {@code
 *       headers-too-large}, anything else that is not HTTP 400 {@code bad-request}; then the
 *       connection is closed, since the rest of what the client sent on it cannot be trusted to
 *       start a new request (Vert.x's own handler would answer the same statuses with an empty body);
 *   <li>an HTTP/1.x request whose {@code Host} header is missing or is not a host (such as {@code '
 *       OR '1'='1}; Vert.x cannot build its absolute URI, which handlers ask for), or whose path or
 *       query string is not valid percent-encoding (such as {@code /api/orders/%zz} or {@code
 *       ?state=%zz}; they cannot be decoded): 400 {@code bad-request}, where they would otherwise
 *       fail inside a handler as unexpected errors.
 * </ul>
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  @Override
  public void handle(HttpServerRequest request) {
    refuse(request, problemFor(request.decoderResult()));
  }

  /**
   * {@code next} for the requests that can be read; the others are answered 400 and their
   * connection is closed, as their body (if any) is left unread.
   */
  static Handler<HttpServerRequest> readableOnly(Handler<HttpServerRequest> next) {
    return request -> {
      String unreadable = unreadable(request);
      if (unreadable == null) {
        next.handle(request);
      } else {
        refuse(request, Problem.of("bad-request", "Bad request", 400, unreadable));
      }
    };
  }

  private static void refuse(HttpServerRequest request, Problem problem) {
    request.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(problem.toJson().encode())
        .onComplete(ended -> request.connection().close());
  }

  private static String unreadable(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2) {
      if (!isHost(request.getHeader(HttpHeaders.HOST))) {
        return "The Host header is missing or is not a host";
      }
    }
    String path = request.path();
    if (path != null && !isPercentEncoded(path)) {
      return "The path is not valid percent-encoding";
    }
    try {
      request.params();
    } catch (IllegalArgumentException e) {
      return "The query string is not valid percent-encoding";
    }
    return null;
  }

  /** Whether every {@code %} of {@code text} starts an escape of two hex digits. */
  private static boolean isPercentEncoded(String text) {
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 3)) {
      if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHost(String header) {
    try {
      return header != null && HostAndPort.parseAuthority(header, -1) != null;
    } catch (RuntimeException e) {
      // Vert.x 5.0.7's parser throws on some percent-encoded names (e.g. "%2e%2e%2f") instead of
      // answering null.
      return false;
    }
  }

  static Problem problemFor(DecoderResult result) {
    Throwable cause = result == null ? null : result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return Problem.of("uri-too-long", "URI too long", 414, "The request line is longer than this service accepts");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return Problem.of("headers-too-large", "Request headers too large", 431, "The request headers are larger than this service accepts");
    }
    return Problem.of("bad-request", "Bad request", 400, "The request is not valid HTTP/1.1");
  }
}
