package dev.vertxshop.platform.discovery;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /admin/discovery}: the service endpoints this member knows ({@link
 * ServiceDirectory#describe()}), or {@code {"clustered": false, "endpoints": []}} when the service
 * does not run clustered.
 */
public final class DiscoveryEndpoint {

  public static final String PATH = "/admin/discovery";

  private DiscoveryEndpoint() {}

  public static Router mount(Router router, Vertx vertx) {
    router.get(PATH).handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(ServiceDirectory.of(vertx)
            .map(ServiceDirectory::describe)
            .orElseGet(() -> new JsonObject().put("clustered", false).put("endpoints", new JsonArray()))
            .encode()));
    return router;
  }
}
