package dev.vertxshop.platform.config;

import dev.vertxshop.platform.discovery.Endpoint;
import dev.vertxshop.platform.discovery.ServiceLocation;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * An immutable view of the merged configuration (defaults from {@code conf/application.yaml}, an
 * optional override file, then the environment). Keys are dotted paths such as {@code
 * orders.http.port}; every typed getter validates and throws a {@link ConfigException} that names
 * the key.
 */
public final class Settings {

  private final JsonObject root;

  public Settings(JsonObject root) {
    this.root = root.copy();
  }

  /** The environment variable that overrides {@code key}: {@code pg.pool-size -> PG_POOL_SIZE}. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A copy with {@code key} set to {@code value}. */
  public Settings with(String key, Object value) {
    JsonObject copy = root.copy();
    String[] parts = key.split("\\.");
    JsonObject node = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
    return new Settings(copy);
  }

  public boolean has(String key) {
    return raw(key) != null;
  }

  /** A required, non-blank string. */
  public String string(String key) {
    return optionalString(key).orElseThrow(() -> new ConfigException(key, "a value is required"));
  }

  /** A string that may be absent or blank (empty result). */
  public Optional<String> optionalString(String key) {
    Object value = raw(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = value.toString().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  public int integer(String key, int min, int max) {
    Object value = raw(key);
    if (value == null) {
      throw new ConfigException(key, "a whole number is required");
    }
    long parsed;
    if (value instanceof Number number) {
      parsed = number.longValue();
      if (number.doubleValue() != parsed) {
        throw new ConfigException(key, "'" + value + "' is not a whole number");
      }
    } else {
      try {
        parsed = Long.parseLong(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "'" + value + "' is not a whole number");
      }
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key, parsed + " is outside " + min + ".." + max);
    }
    return (int) parsed;
  }

  public int port(String key) {
    return integer(key, 0, 65535);
  }

  public boolean bool(String key) {
    Object value = raw(key);
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(key, "'" + text + "' is not true or false");
    };
  }

  /** A positive number of milliseconds. */
  public Duration millis(String key) {
    return Duration.ofMillis(integer(key, 1, Integer.MAX_VALUE));
  }

  /** An absolute http(s) URL, without a trailing slash. */
  public Optional<URI> optionalHttpUrl(String key) {
    return optionalString(key).map(text -> httpUrl(key, text));
  }

  private static URI httpUrl(String key, String text) {
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException(key, "'" + text + "' is not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "'" + text + "' is not a URL");
    }
  }

  /**
   * Where to reach {@code service}: {@code <service>.service-url} when set, otherwise its Kubernetes
   * service name in {@code kubernetes.namespace}. The launcher sets the URL of services that run in
   * its own JVM.
   */
  public URI serviceUrl(String service) {
    String key = service + ".service-url";
    return optionalHttpUrl(key)
        .orElseGet(() -> httpUrl(key, "http://" + service + "." + string("kubernetes.namespace") + ".svc.cluster.local"));
  }

  /**
   * {@link #serviceUrl(String)} as a location to call over HTTP, noting whether the URL was
   * configured (a configured URL wins over discovery in a cluster).
   */
  public ServiceLocation serviceLocation(String service) {
    boolean configured = optionalHttpUrl(service + ".service-url").isPresent();
    return new ServiceLocation(service, Endpoint.Protocol.HTTP, serviceUrl(service).toString(), configured);
  }

  public JsonObject asJson() {
    return root.copy();
  }

  private Object raw(String key) {
    Object node = root;
    for (String part : key.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }

  @Override
  public String toString() {
    return root.encode();
  }
}
