package dev.vertxshop.testing.hostile;

import dev.vertxshop.testing.hostile.HostileInputs.Kind;
import dev.vertxshop.testing.hostile.JsonText.Raw;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A JSON request body the endpoint accepts (the template) and what each field must be; from them,
 * bodies the endpoint must refuse. Every body generated breaks the schema at least once (a field of
 * the wrong type or out of its bounds, a required field missing, an unknown field, a body that is not
 * a JSON object or not JSON at all), and may carry more damage on top (invalid UTF-8, a byte-order
 * mark, NUL bytes), so none of them can be a request the service should carry out.
 */
public final class BodyShape {

  private record Field(List<Object> path, Kind kind, Arbitrary<Object> outOfBounds, boolean required) {}

  private final Map<String, Object> template;
  private final List<Field> fields = new ArrayList<>();
  private final List<List<Object>> objects = new ArrayList<>();

  private BodyShape(Map<String, Object> template) {
    this.template = template;
    objects.add(List.of());
  }

  /** A shape over {@code template}, a body that is valid as it is. */
  public static BodyShape of(Map<String, Object> template) {
    return new BodyShape(template);
  }

  /**
   * A field at {@code path} (keys and list indices separated by dots, e.g. {@code items.0.quantity})
   * of {@code kind}; {@code outOfBounds} gives values of that kind the schema refuses (null: none).
   */
  public BodyShape field(String path, Kind kind, Arbitrary<?> outOfBounds, boolean required) {
    List<Object> parsed = parse(path);
    fields.add(new Field(parsed, kind, outOfBounds == null ? null : outOfBounds.map(v -> (Object) v), required));
    if (kind == Kind.OBJECT) {
      objects.add(parsed);
    }
    return this;
  }

  /** The template encoded, for a sanity check that the service takes it. */
  public String templateText() {
    return JsonText.encode(template);
  }

  /** Bodies that break the schema; see the class comment. */
  public Arbitrary<byte[]> brokenBodies() {
    Arbitrary<String> broken = Arbitraries.oneOf(brokenField(), missingField(), unknownField(), notAnObject(), truncated());
    return Combinators.combine(broken, damage(), Arbitraries.integers().between(0, 1 << 20))
        .as((text, extra, where) -> extra.length == 0
            ? text.getBytes(StandardCharsets.UTF_8)
            : HostileInputs.insertAt(text.getBytes(StandardCharsets.UTF_8), extra == BOM ? 0 : where % (text.length() + 1), extra));
  }

  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  private Arbitrary<byte[]> damage() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(new byte[0])),
        net.jqwik.api.Tuple.of(2, HostileInputs.invalidUtf8()),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(BOM)));
  }

  private Arbitrary<String> brokenField() {
    return Arbitraries.of(fields).flatMap(field -> {
      Arbitrary<Object> wrong = HostileInputs.wrongTypes(field.kind);
      Arbitrary<Object> values = field.outOfBounds == null ? wrong : Arbitraries.oneOf(wrong, field.outOfBounds, field.outOfBounds);
      return values.map(value -> JsonText.encode(with(field.path, value)));
    });
  }

  private Arbitrary<String> missingField() {
    List<Field> required = fields.stream().filter(Field::required).toList();
    return Arbitraries.of(required).map(field -> JsonText.encode(without(field.path)));
  }

  private Arbitrary<String> unknownField() {
    return Combinators.combine(Arbitraries.of(objects), HostileInputs.strings().filter(name -> !knownName(name)),
            HostileInputs.wrongTypes(Kind.OBJECT))
        .as((path, name, value) -> {
          Object copy = HostileInputs.copy(template);
          @SuppressWarnings("unchecked")
          Map<String, Object> target = (Map<String, Object>) at(copy, path);
          target.put(name, value);
          return JsonText.encode(copy);
        });
  }

  private boolean knownName(String name) {
    return fields.stream().anyMatch(field -> name.equals(String.valueOf(field.path.get(field.path.size() - 1))));
  }

  private Arbitrary<String> notAnObject() {
    return Arbitraries.oneOf(
        Arbitraries.of("", " ", "null", "true", "0", "-1", "1e400", "\"order\"", "[]", "[{}]", "{", "}", "{}}", "{\"a\"}",
            "{'customerId': 'x'}", "{\"a\":1,}", "NaN", "\u0000", "<xml/>", "a=1&b=2"),
        HostileInputs.deepNesting().map(Raw::text),
        // Text before a valid body; whitespace or a byte-order mark alone would leave it valid.
        HostileInputs.strings().filter(s -> !s.isBlank() && !s.startsWith("\uFEFF")).map(s -> s + JsonText.encode(template)),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(200).filter(s -> !s.trim().startsWith("{")));
  }

  private Arbitrary<String> truncated() {
    String text = JsonText.encode(template);
    return Arbitraries.integers().between(0, text.length() - 1).map(length -> text.substring(0, length));
  }

  private Object with(List<Object> path, Object value) {
    Object copy = HostileInputs.copy(template);
    setAt(copy, path, value);
    return copy;
  }

  private Object without(List<Object> path) {
    Object copy = HostileInputs.copy(template);
    Object parent = at(copy, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      map.remove(last);
    } else {
      ((List<?>) parent).remove((int) (Integer) last);
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static void setAt(Object root, List<Object> path, Object value) {
    Object parent = at(root, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put((String) last, value);
    } else {
      ((List<Object>) parent).set((Integer) last, value);
    }
  }

  private static Object at(Object root, List<Object> path) {
    Object node = root;
    for (Object step : path) {
      node = node instanceof Map<?, ?> map ? map.get(step) : ((List<?>) node).get((Integer) step);
    }
    return node;
  }

  private static List<Object> parse(String path) {
    List<Object> steps = new ArrayList<>();
    for (String part : path.split("\\.")) {
      steps.add(part.matches("\\d+") ? (Object) Integer.valueOf(part) : part);
    }
    return steps;
  }
}
