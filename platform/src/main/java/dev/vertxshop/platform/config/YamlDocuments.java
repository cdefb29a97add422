package dev.vertxshop.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads a YAML mapping (configuration, OpenAPI documents) as a {@link JsonObject}. */
public final class YamlDocuments {

  private YamlDocuments() {}

  /** Parses {@code text}; {@code origin} names it in errors. */
  public static JsonObject parse(String text, String origin) {
    return parse(new StringReader(text), origin);
  }

  public static JsonObject parse(InputStream in, String origin) {
    return toObject(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), origin);
  }

  private static JsonObject parse(Reader reader, String origin) {
    return toObject(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader), origin);
  }

  private static JsonObject toObject(Object document, String origin) {
    if (document == null) {
      return new JsonObject();
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(origin + " is not a YAML mapping");
    }
    return toJson(map);
  }

  private static JsonObject toJson(Map<?, ?> map) {
    JsonObject json = new JsonObject();
    map.forEach((key, value) -> json.put(String.valueOf(key), toJsonValue(value)));
    return json;
  }

  private static Object toJsonValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return toJson(map);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>();
      list.forEach(item -> items.add(toJsonValue(item)));
      return new JsonArray(items);
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return value;
  }
}
