package dev.vertxshop.platform.discovery;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one instance of a service answers, as published in the service directory.
 *
 * @param service the service's name ({@code inventory}, {@code fraud}, ...)
 * @param protocol how it is called
 * @param address {@code http://host:port} for {@link Protocol#HTTP}, {@code host:port} for {@link
 *     Protocol#GRPC}
 * @param node the id of the cluster member that runs the instance
 */
public record Endpoint(String service, Protocol protocol, String address, String node) {

  /** How an endpoint is called. */
  public enum Protocol {
    HTTP,
    GRPC;

    /** {@code http} or {@code grpc}, as in JSON. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol fromCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  public Endpoint {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(node, "node");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("service", service)
        .put("protocol", protocol.code())
        .put("address", address)
        .put("node", node);
  }

  public static Endpoint fromJson(JsonObject json) {
    return new Endpoint(json.getString("service"), Protocol.fromCode(json.getString("protocol")),
        json.getString("address"), json.getString("node"));
  }
}
