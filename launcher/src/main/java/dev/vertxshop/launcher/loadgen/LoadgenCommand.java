package dev.vertxshop.launcher.loadgen;

import dev.vertxshop.launcher.auth.DevKeys;
import dev.vertxshop.platform.auth.TokenMinter;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar vertx-shop.jar loadgen}: places orders against a running shop (any base URL) at a
 * fixed rate or a fixed concurrency, and reports what they got and how long they took. It is part of
 * the launcher so that measuring the shop needs nothing but the jar that runs it.
 */
@Command(
    name = "loadgen",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Places orders with POST /api/orders at a fixed rate (--rate, open model: latency from each order's due time) "
          + "or a fixed concurrency (--concurrency, closed model: latency from the actual send), for a duration "
          + "(--duration) or a number of orders (--orders), then prints the orders by outcome, the throughput and the "
          + "latency percentiles.",
      "First seeds its catalogue through inventory's API: products loadgen-product-00001... with ample stock and "
          + "loadgen-sold-out with none (safe to repeat: each run sets their stock again)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run finished (errors and rejections are in the summary); --help",
      "1:the catalogue could not be seeded, or --json could not be written",
      "2:invalid command line"
    })
public final class LoadgenCommand implements Callable<Integer> {

  static final double DEFAULT_RATE = 50;
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
  static final int DEFAULT_CONNECTIONS = 64;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081", converter = HttpUrl.class,
      description = "Base URL of the orders service (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--inventory-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8082", converter = HttpUrl.class,
      description = "Base URL of the inventory service, to seed the catalogue (default: ${DEFAULT-VALUE}).")
  URI inventoryUrl;

  @Option(names = "--rate", paramLabel = "N",
      description = "Orders per second, sent on schedule whether or not earlier ones were answered (open model). "
          + "(default: 50 unless --concurrency is given).")
  Double rate;

  @Option(names = "--concurrency", paramLabel = "N",
      description = "Orders kept in flight: each answer starts the next order (closed model). Not with --rate.")
  Integer concurrency;

  @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
      description = "How long to measure after the warm-up, e.g. 30s, 2m, 500ms (default: 30s unless --orders is given).")
  Duration duration;

  @Option(names = "--orders", paramLabel = "N",
      description = "How many orders to measure after the warm-up. Not with --duration.")
  Long orders;

  @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "0s", converter = DurationConverter.class,
      description = "Time at the start whose orders are sent but not counted, e.g. 10s (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--products", paramLabel = "N", defaultValue = "20",
      description = "Products to seed and order, each with ample stock (default: ${DEFAULT-VALUE}).")
  int products;

  @Option(names = "--declined-share", paramLabel = "SHARE", defaultValue = "0.05",
      description = "Share of orders paid with the card the test network declines, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double declinedShare;

  @Option(names = "--out-of-stock-share", paramLabel = "SHARE", defaultValue = "0.02",
      description = "Share of orders for the product seeded with no stock, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double outOfStockShare;

  @Option(names = "--idempotency-retries", paramLabel = "SHARE", defaultValue = "0.0",
      description = "Share of orders sent again with the same Idempotency-Key once answered; the repeat must get the "
          + "same order (default: ${DEFAULT-VALUE}).")
  double idempotencyRetryShare;

  @Option(names = "--connections", paramLabel = "N",
      description = "HTTP/1.1 keep-alive connections to each service; more requests wait for one (default: "
          + DEFAULT_CONNECTIONS + ", or --concurrency when larger).")
  Integer connections;

  @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class,
      description = "Time one request may take before it counts as a timeout (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the order mix: the same seed gives the same orders in the same sequence (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--token", paramLabel = "JWT",
      description = "Bearer token for every order, which is then placed for its subject (no customerId in the body). "
          + "Default: one token per simulated customer, minted with the shop's development key pair.")
  String token;

  @Option(names = "--admin-token", paramLabel = "JWT",
      description = "Bearer token with the admin grant, to seed the catalogue. Default: minted with the development key pair.")
  String adminToken;

  @Option(names = "--dev-keys-dir", paramLabel = "DIR",
      description = "Where the shop's development key pair is (default: auth.dev-keys.dir, else ~/.vertx-shop/dev-keys).")
  Path devKeysDir;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write the summary as JSON to FILE (field names: see the launcher README).")
  Path json;

  @Spec
  CommandSpec spec;

  /** Whether progress is rewritten in place once a second (a terminal) or printed every 5 s (a log). */
  private final boolean terminal;

  public LoadgenCommand() {
    this(System.console() != null);
  }

  LoadgenCommand(boolean terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    LoadPlan plan = plan();
    LoadTokens tokens = tokens();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    LoadRunner runner = new LoadRunner(vertx, plan, tokens, System::nanoTime);
    try {
      out.printf("Seeding %d products (%s*) through %s%n", runner.catalogue().size(), OrderMix.PRODUCT_PREFIX, plan.inventoryUrl());
      out.flush();
      try {
        runner.seed().await();
      } catch (Exception e) {
        err.println(e.getMessage());
        return 1;
      }
      out.printf("Placing orders at %s: %s, %s%s%n", plan.ordersUrl(), describe(plan.pace()), describe(plan.stop()),
          plan.warmup().isZero() ? "" : " after a " + seconds(plan.warmup()) + " warm-up");
      out.flush();
      // Ctrl-C (or SIGTERM) during the run still reports the orders placed so far.
      Thread reportOnInterrupt = new Thread(() -> reportInterrupted(runner, out, err), "loadgen-interrupted");
      Runtime.getRuntime().addShutdownHook(reportOnInterrupt);
      Summary summary;
      try {
        summary = awaitWithProgress(runner, runner.run(), out);
      } finally {
        forget(reportOnInterrupt);
      }
      return report(summary, out, err) ? 0 : 1;
    } finally {
      runner.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Prints the summary and writes the JSON file if asked; false when the file could not be written. */
  private boolean report(Summary summary, PrintWriter out, PrintWriter err) {
    out.println();
    out.print(summary.toTable());
    out.flush();
    if (json == null) {
      return true;
    }
    try {
      Files.writeString(json, summary.toJson().encodePrettily() + System.lineSeparator());
      return true;
    } catch (IOException e) {
      err.println("Cannot write " + json + ": " + e.getMessage());
      err.flush();
      return false;
    }
  }

  private static void forget(Thread shutdownHook) {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway and reports the summary so far.
    }
  }

  private void reportInterrupted(LoadRunner runner, PrintWriter out, PrintWriter err) {
    try {
      Summary soFar = runner.snapshot().await(5, TimeUnit.SECONDS).summary();
      out.println();
      out.print("Interrupted: the summary so far (orders in flight were not waited for)");
      report(soFar, out, err);
    } catch (Exception e) {
      err.println("Interrupted; no summary: " + e.getMessage());
      err.flush();
    }
  }

  /** The options as a plan; anything impossible is a usage error (exit code 2). */
  LoadPlan plan() {
    if (rate != null && concurrency != null) {
      throw usage("--rate and --concurrency exclude each other: give one (open or closed model)");
    }
    if (duration != null && orders != null) {
      throw usage("--duration and --orders exclude each other: give one");
    }
    // Found out now rather than after a long run.
    if (json != null && !Files.isDirectory(json.toAbsolutePath().getParent())) {
      throw usage("--json: the directory of " + json + " does not exist");
    }
    try {
      LoadPlan.Pace pace = concurrency != null
          ? new LoadPlan.Pace.Concurrency(concurrency)
          : new LoadPlan.Pace.FixedRate(rate != null ? rate : DEFAULT_RATE);
      LoadPlan.Stop stop = orders != null ? new LoadPlan.Stop.Orders(orders) : new LoadPlan.Stop.After(duration != null ? duration : DEFAULT_DURATION);
      LoadPlan.MixSettings mix = new LoadPlan.MixSettings(products, declinedShare, outOfStockShare, idempotencyRetryShare, seed);
      int pool = connections != null ? connections : Math.max(DEFAULT_CONNECTIONS, concurrency != null ? concurrency : 0);
      return new LoadPlan(url, inventoryUrl, pace, stop, warmup, mix, pool, timeout);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** The tokens to send: those given, the others minted with the development key pair. */
  LoadTokens tokens() {
    Settings settings = ConfigLoader.load(System.getenv());
    Path directory = devKeysDir != null ? devKeysDir : DevKeys.directory(settings);
    boolean minting = token == null || adminToken == null;
    if (minting && !DevKeys.exist(directory)) {
      throw usage("No development key pair in " + directory + " to mint tokens with: pass --token and --admin-token "
          + "(tokens of the shop's identity provider), or start the shop without one first (it makes the pair).");
    }
    TokenMinter minter = minting ? DevKeys.load(directory).minter(Clock.systemUTC()) : null;
    return LoadTokens.of(token, adminToken, minter, settings.string("auth.admin-grant"));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Waits for the run, printing a progress line every second on a terminal, every 5 s otherwise. */
  private Summary awaitWithProgress(LoadRunner runner, Future<Summary> result, PrintWriter out) throws Exception {
    long period = terminal ? 1 : 5;
    double previousSeconds = 0;
    long previousAnswered = 0;
    boolean previouslyWarmingUp = true;
    boolean printed = false;
    while (true) {
      try {
        Summary summary = result.await(period, TimeUnit.SECONDS);
        if (printed && terminal) {
          out.println();
        }
        return summary;
      } catch (TimeoutException stillRunning) {
        LoadRunner.Snapshot now = runner.snapshot().await(period, TimeUnit.SECONDS);
        long answered = now.summary().counts().answered();
        // The warm-up and the measured orders are counted apart: the rate starts again with the latter.
        long answeredBefore = now.warmingUp() == previouslyWarmingUp ? previousAnswered : 0;
        double interval = now.secondsSinceStart() - previousSeconds;
        double answeredPerSecond = interval > 0 ? Math.max(0, answered - answeredBefore) / interval : 0;
        String line = now.summary().progressLine(now.secondsSinceStart(), now.warmingUp(), answeredPerSecond);
        if (terminal) {
          // Padded so that a shorter line fully covers the one before.
          out.print("\r" + String.format(Locale.ROOT, "%-120s", line));
        } else {
          out.println(line);
        }
        out.flush();
        printed = true;
        previousSeconds = now.secondsSinceStart();
        previousAnswered = answered;
        previouslyWarmingUp = now.warmingUp();
      }
    }
  }

  private static String describe(LoadPlan.Pace pace) {
    return pace instanceof LoadPlan.Pace.FixedRate rate
        ? rate.perSecond() + " orders/s (fixed rate)"
        : ((LoadPlan.Pace.Concurrency) pace).inFlight() + " in flight (fixed concurrency)";
  }

  private static String describe(LoadPlan.Stop stop) {
    return stop instanceof LoadPlan.Stop.Orders count ? count.count() + " orders" : "for " + seconds(((LoadPlan.Stop.After) stop).duration());
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  /** An absolute http(s) base URL, e.g. {@code http://127.0.0.1:8081}. */
  static final class HttpUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      try {
        URI url = new URI(value.trim());
        LoadPlan.requireHttpUrl("the URL", url);
        return url;
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not an http:// or https:// base URL with a host, e.g. http://127.0.0.1:8081");
      }
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a plain number of seconds. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher matcher = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 30s, 2m or 1h");
      }
      double amount = Double.parseDouble(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      double millis = switch (unit) {
        case "ms" -> amount;
        case "m" -> amount * 60_000;
        case "h" -> amount * 3_600_000;
        default -> amount * 1000;
      };
      return Duration.ofMillis(Math.round(millis));
    }
  }
}
