package dev.vertxshop.platform.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Settings}: the defaults in {@code conf/application.yaml} (on the classpath), then the
 * YAML file named by {@code SHOP_CONFIG_FILE} if any, then one environment variable per key. Any key
 * can instead be read from a file named by the variable with {@code _FILE} appended ({@code
 * PG_PASSWORD_FILE=/run/secrets/pg-password}): a mounted Kubernetes Secret or Docker secret, so
 * that a credential is in neither the environment nor a config file; one trailing line break is
 * dropped (an empty variable beside it is taken as unset). Runs once at start-up, before any verticle, so its file reads never touch an event loop.
 */
public final class ConfigLoader {

  public static final String DEFAULTS = "conf/application.yaml";
  public static final String CONFIG_FILE_ENV = "SHOP_CONFIG_FILE";
  /** Appended to a key's environment variable, names a file holding the key's value. */
  public static final String FILE_SUFFIX = "_FILE";

  private ConfigLoader() {}

  public static Settings load(Map<String, String> env) {
    JsonObject merged = readClasspath(DEFAULTS);
    String file = env.get(CONFIG_FILE_ENV);
    if (file != null && !file.isBlank()) {
      merge(merged, readFile(Path.of(file.trim())));
    }
    applyEnvironment(merged, "", env);
    return new Settings(merged);
  }

  /** Overrides every key that the configuration knows with its environment variable, if set. */
  static void applyEnvironment(JsonObject node, String prefix, Map<String, String> env) {
    for (String name : List.copyOf(node.fieldNames())) {
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      Object value = node.getValue(name);
      if (value instanceof JsonObject child) {
        applyEnvironment(child, key, env);
      } else {
        String variable = Settings.envName(key);
        String override = env.get(variable);
        String file = env.get(variable + FILE_SUFFIX);
        if (override != null && !override.isEmpty() && file != null) {
          throw new ConfigException(key, variable, "set either " + variable + " or " + variable + FILE_SUFFIX + ", not both");
        }
        if (file != null) {
          node.put(name, readValue(key, variable + FILE_SUFFIX, Path.of(file.trim())));
        } else if (override != null) {
          node.put(name, override);
        }
      }
    }
  }

  /** A value kept in a file: its content without one trailing line break. */
  static String readValue(String key, String variable, Path path) {
    try {
      String content = Files.readString(path);
      if (content.endsWith("\r\n")) {
        return content.substring(0, content.length() - 2);
      }
      return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException e) {
      throw new ConfigException(key, variable, "cannot read " + path.toAbsolutePath());
    }
  }

  static void merge(JsonObject target, JsonObject source) {
    for (String name : source.fieldNames()) {
      Object value = source.getValue(name);
      Object existing = target.getValue(name);
      if (value instanceof JsonObject child && existing instanceof JsonObject into) {
        merge(into, child);
      } else {
        target.put(name, value);
      }
    }
  }

  static JsonObject readClasspath(String resource) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing configuration resource " + resource);
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject readFile(Path path) {
    if (!Files.isReadable(path)) {
      throw new ConfigException("config file", CONFIG_FILE_ENV, "cannot read " + path.toAbsolutePath());
    }
    try (InputStream in = Files.newInputStream(path)) {
      return parse(in, path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject parse(InputStream in, String origin) {
    try {
      return YamlDocuments.parse(in, origin);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config file", CONFIG_FILE_ENV, e.getMessage());
    }
  }
}
