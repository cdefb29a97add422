package dev.vertxshop.launcher.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One load run as the command line asked for it, checked as a whole: where the orders go, how they
 * are paced, when the run stops, and what the orders look like. An impossible plan is refused here
 * with a message meant for the person who typed it, so the runner never has to second-guess it.
 *
 * @param ordersUrl base URL of the orders service ({@code POST /api/orders} is appended)
 * @param inventoryUrl base URL of the inventory service the catalogue is seeded through
 * @param pace a fixed arrival rate (open model) or a fixed number of orders in flight (closed model)
 * @param stop after a measured duration, or after a number of measured orders
 * @param warmup time at the start whose orders are sent but not counted (zero for none)
 * @param mix what each order contains (products, declined cards, sold-out items, repeats)
 * @param connections the most HTTP/1.1 connections kept open to each service
 * @param requestTimeout how long one request may take before it counts as a timeout
 */
public record LoadPlan(
    URI ordersUrl,
    URI inventoryUrl,
    Pace pace,
    Stop stop,
    Duration warmup,
    MixSettings mix,
    int connections,
    Duration requestTimeout) {

  /** How orders are started. */
  public sealed interface Pace {
    /** Orders are due at fixed intervals whether or not earlier ones were answered. */
    record FixedRate(double perSecond) implements Pace {
      /** Far beyond what one event loop can send; a typo such as 1e9 would otherwise exhaust memory. */
      public static final double MAX_PER_SECOND = 100_000;

      public FixedRate {
        if (!(perSecond > 0 && perSecond <= MAX_PER_SECOND)) {
          throw new IllegalArgumentException("--rate must be a positive number of orders per second up to "
              + (long) MAX_PER_SECOND + " (was " + perSecond + ")");
        }
      }

      /** When order {@code index} (0-based) is due, in nanoseconds after the start. */
      public long dueNanos(long index) {
        return (long) (index * 1_000_000_000.0 / perSecond);
      }
    }

    /** A new order starts as soon as one of {@code inFlight} answers. */
    record Concurrency(int inFlight) implements Pace {
      public static final int MAX_IN_FLIGHT = 10_000;

      public Concurrency {
        if (inFlight < 1 || inFlight > MAX_IN_FLIGHT) {
          throw new IllegalArgumentException("--concurrency must be between 1 and " + MAX_IN_FLIGHT + " (was " + inFlight + ")");
        }
      }
    }
  }

  /** When the measured part of the run ends. */
  public sealed interface Stop {
    /** No new measured order starts once this much time has passed after the warm-up. */
    record After(Duration duration) implements Stop {
      public After {
        if (duration.isNegative() || duration.isZero()) {
          throw new IllegalArgumentException("--duration must be positive (was " + duration + ")");
        }
      }
    }

    /** Exactly this many measured orders are sent. */
    record Orders(long count) implements Stop {
      public Orders {
        if (count < 1) {
          throw new IllegalArgumentException("--orders must be at least 1 (was " + count + ")");
        }
      }
    }
  }

  /**
   * What the orders contain.
   *
   * @param products how many products the catalogue is seeded with (each with ample stock)
   * @param declinedShare share of orders paid with a card the test network declines
   * @param outOfStockShare share of orders for a product seeded with no stock
   * @param idempotencyRetryShare share of orders sent a second time with the same Idempotency-Key
   * @param seed seed of the random choices, so that a run can be repeated exactly
   */
  public record MixSettings(int products, double declinedShare, double outOfStockShare, double idempotencyRetryShare, long seed) {
    /** Products beyond this make seeding slow and say nothing new about the shop. */
    public static final int MAX_PRODUCTS = 10_000;

    public MixSettings {
      if (products < 1 || products > MAX_PRODUCTS) {
        throw new IllegalArgumentException("--products must be between 1 and " + MAX_PRODUCTS + " (was " + products + ")");
      }
      requireShare("--declined-share", declinedShare);
      requireShare("--out-of-stock-share", outOfStockShare);
      requireShare("--idempotency-retries", idempotencyRetryShare);
      if (declinedShare + outOfStockShare > 1) {
        throw new IllegalArgumentException("--declined-share and --out-of-stock-share add up to more than 1 ("
            + declinedShare + " + " + outOfStockShare + ")");
      }
    }

    private static void requireShare(String option, double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(option + " must be a share between 0 and 1 (was " + share + ")");
      }
    }
  }

  public LoadPlan {
    requireHttpUrl("--url", ordersUrl);
    requireHttpUrl("--inventory-url", inventoryUrl);
    Objects.requireNonNull(pace, "pace");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(mix, "mix");
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative (was " + warmup + ")");
    }
    if (connections < 1 || connections > Pace.Concurrency.MAX_IN_FLIGHT) {
      throw new IllegalArgumentException("--connections must be between 1 and " + Pace.Concurrency.MAX_IN_FLIGHT + " (was " + connections + ")");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive (was " + requestTimeout + ")");
    }
  }

  /** Accepts {@code http://host[:port]} and {@code https://...}, with no path beyond "/". */
  static void requireHttpUrl(String option, URI url) {
    Objects.requireNonNull(url, option);
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException(option + " must be an http:// or https:// URL with a host (was '" + url + "')");
    }
    if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")
        || url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(option + " must be a base URL without a path, e.g. http://127.0.0.1:8081 (was '" + url + "')");
    }
  }
}
