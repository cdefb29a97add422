package dev.vertxshop.platform.http;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An RFC 9457 problem: {@code type} is a stable URN ({@code urn:vertx-shop:problem:<slug>}) that
 * clients can switch on; {@code extensions} holds extra members such as the offending product id.
 */
public record Problem(String type, String title, int status, String detail, JsonObject extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String PREFIX = "urn:vertx-shop:problem:";

  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("A problem's status is 4xx or 5xx, not " + status);
    }
    extensions = extensions == null ? new JsonObject() : extensions.copy();
  }

  /** A problem whose type is {@code urn:vertx-shop:problem:<slug>}. */
  public static Problem of(String slug, String title, int status, String detail) {
    return new Problem(PREFIX + slug, title, status, detail, null);
  }

  public Problem with(String member, Object value) {
    return new Problem(type, title, status, detail, extensions.copy().put(member, value));
  }

  /** The slug of a {@code urn:vertx-shop:problem:} type, or the whole type otherwise. */
  public String slug() {
    return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    extensions.forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }

  /** Reads a problem from a response body; null when the body is not one. */
  public static Problem fromJson(JsonObject json) {
    if (json == null || !(json.getValue("type") instanceof String) || !(json.getValue("status") instanceof Number)) {
      return null;
    }
    JsonObject extensions = json.copy();
    extensions.remove("type");
    extensions.remove("title");
    extensions.remove("status");
    extensions.remove("detail");
    int status = json.getInteger("status");
    if (status < 400 || status > 599) {
      return null;
    }
    return new Problem(json.getString("type"), json.getString("title", ""), status, json.getString("detail"), extensions);
  }
}
