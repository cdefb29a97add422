package dev.vertxshop.platform.discovery;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints of the services running across a cluster, as this member currently knows them.
 * Each member publishes the endpoints of the services it runs once they are ready and withdraws
 * them when it stops; the endpoints of a member that leaves or dies disappear with it.
 *
 * <p>The launcher installs a directory on a clustered Vert.x instance before it deploys the
 * services ({@link #install}); a service reads it with {@link #of} and calls the others through a
 * {@link ServiceTarget}. A Vert.x instance that is not clustered has none: services then use the
 * configured addresses.
 */
public interface ServiceDirectory extends Shareable {

  /**
   * The live endpoints of {@code service} for {@code protocol}, in a stable order; empty when no
   * member runs it. Answers from this member's own copy, without network I/O.
   */
  List<Endpoint> endpoints(String service, Endpoint.Protocol protocol);

  /**
   * What an operator sees at {@code GET /admin/discovery}: {@code {"clustered": true, "node": id,
   * "members": [ids], "endpoints": [...]}}.
   */
  JsonObject describe();

  /** Makes {@code directory} the one {@link #of(Vertx)} returns for {@code vertx}. */
  static void install(Vertx vertx, ServiceDirectory directory) {
    registry(vertx).put("directory", directory);
  }

  /** The directory installed on {@code vertx}, if any (a clustered shop has one). */
  static Optional<ServiceDirectory> of(Vertx vertx) {
    return Optional.ofNullable(registry(vertx).get("directory"));
  }

  private static LocalMap<String, ServiceDirectory> registry(Vertx vertx) {
    return vertx.sharedData().getLocalMap("vertx-shop.discovery");
  }
}
