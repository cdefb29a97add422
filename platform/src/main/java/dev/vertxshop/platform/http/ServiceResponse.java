package dev.vertxshop.platform.http;

import io.vertx.core.json.JsonObject;

/** An answer below 500 from another service: a success, or a problem the caller can act on. */
public record ServiceResponse(int status, JsonObject body) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The problem in a 4xx body, or null. */
  public Problem problem() {
    return isSuccess() ? null : Problem.fromJson(body);
  }
}
