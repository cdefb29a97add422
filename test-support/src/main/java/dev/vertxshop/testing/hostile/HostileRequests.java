package dev.vertxshop.testing.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Hostile requests of the shapes every API has: a bad path parameter, a bad query, no parameters at all. */
public final class HostileRequests {

  private HostileRequests() {}

  /**
   * Path segments for a parameter whose valid values {@code valid} accepts, none of them valid:
   * hostile strings percent-encoded, and segments that break URI syntax.
   */
  public static Arbitrary<String> badPathSegments(Predicate<String> valid) {
    Arbitrary<String> encoded = HostileInputs.strings().filter(valid.negate())
        .map(HostileRequests::encode)
        .filter(s -> !s.isEmpty());
    return Arbitraries.oneOf(encoded, HostileInputs.uriBreakers().filter(valid.negate()));
  }

  /** Query values for a parameter whose valid values {@code valid} accepts, none of them valid. */
  public static Arbitrary<String> badQueryValues(Predicate<String> valid) {
    return Arbitraries.oneOf(
        HostileInputs.strings().filter(valid.negate()).map(HostileRequests::encode),
        HostileInputs.uriBreakers().filter(valid.negate()));
  }

  /** {@code path} with each of the bad {@code segments}, sent as {@code method} with {@code headers}, with a rider. */
  public static Arbitrary<HostileCase> withBadSegment(String method, Function<String, String> path, Arbitrary<String> segments,
      Map<String, String> headers) {
    return Combinators.combine(segments, Transport.riders())
        .as((segment, rider) -> HostileCase.rejected(rider.apply(HostileRequest.of(method, path.apply(segment), headers, null))));
  }

  /**
   * For an endpoint without parameters, at {@code path}: changes that must be refused, or unknown
   * query parameters and odd headers that it may ignore.
   */
  public static Arbitrary<HostileCase> parameterless(String method, String path, Map<String, String> headers) {
    Arbitrary<HostileCase> refused = Transport.rejections()
        .map(change -> HostileCase.rejected(change.apply(HostileRequest.of(method, path, headers, null))));
    Arbitrary<HostileCase> ignorable = Combinators.combine(
            Arbitraries.oneOf(
                HostileInputs.uriBreakers().map(value -> "?x=" + value),
                HostileInputs.strings().map(s -> "?" + encode(s) + "=1")),
            Transport.oddHeaders().injectNull(0.5))
        .as((query, odd) -> {
          HostileRequest request = HostileRequest.of(method, path + query, headers, null);
          return HostileCase.harmless(odd == null ? request : odd.apply(request));
        });
    return Arbitraries.oneOf(refused, ignorable);
  }

  /** {@code text} percent-encoded for a path segment or a query value. */
  public static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
