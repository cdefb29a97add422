package dev.vertxshop.launcher;

import dev.vertxshop.launcher.auth.TokenCommand;
import dev.vertxshop.launcher.dashboard.Dashboard;
import dev.vertxshop.launcher.dashboard.DashboardSettings;
import dev.vertxshop.launcher.loadgen.LoadgenCommand;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import sun.misc.Signal;

/**
 * {@code java -jar vertx-shop.jar}: runs the chosen services in this JVM until SIGTERM or SIGINT.
 * Subcommands: {@code loadgen} (a load generator) and {@code token} (a bearer token signed with the
 * development key pair).
 */
@Command(
    name = "vertx-shop",
    mixinStandardHelpOptions = true,
    subcommands = {LoadgenCommand.class, TokenCommand.class},
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs the shop's services in one JVM, each on its own HTTP port, until SIGTERM or SIGINT.",
      "Configuration: conf/application.yaml (built in), then --config FILE (or SHOP_CONFIG_FILE), then one "
          + "environment variable per key (orders.http.port -> ORDERS_HTTP_PORT).",
      "Without PG_URL or PG_HOST an embedded PostgreSQL is started for the services that need one; likewise "
          + "a Kafka broker without KAFKA_BOOTSTRAP_SERVERS, Redis without REDIS_URL and an SMTP server without "
          + "NOTIFICATIONS_SMTP_HOST."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or SIGINT; --help, --version",
      "1:invalid configuration, or a service failed to start",
      "2:invalid command line"
    })
public final class Main implements Callable<Integer> {

  static final String ALL_SERVICES = "orders,inventory,payments,fraud,notifications,analytics";
  /**
   * How long a shutdown waits for a start-up still in progress, then for the services to stop
   * (beyond the pre-stop delay and the drain timeout, {@link RunningShop#shutdownGrace()}).
   */
  private static final long SHUTDOWN_WAIT_SECONDS = 30;
  /** How long the dashboard's server may take to start before the launcher goes on without it. */
  private static final long DASHBOARD_START_SECONDS = 10;

  @Option(
      names = "--services",
      split = ",",
      paramLabel = "NAME",
      defaultValue = ALL_SERVICES,
      converter = ServiceName.class,
      description = "Services to run, comma-separated (default: ${DEFAULT-VALUE}).")
  private List<String> services;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A YAML file laid over the built-in defaults, like SHOP_CONFIG_FILE; environment variables still win.")
  private Path configFile;

  @Option(
      names = "--no-demo-catalogue",
      description = "Do not load the demo products into inventory (sets inventory.demo-catalogue=false).")
  private boolean noDemoCatalogue;

  @Option(
      names = "--cluster",
      description = "Join a Hazelcast cluster with a clustered event bus (sets cluster.enabled=true; see the cluster.* keys).")
  private boolean cluster;

  @Spec
  private CommandSpec spec;

  private final Map<String, String> env;
  private final long mainStartedMillis;
  private final CountDownLatch stopped = new CountDownLatch(1);

  Main(Map<String, String> env, long mainStartedMillis) {
    this.env = Map.copyOf(env);
    this.mainStartedMillis = mainStartedMillis;
  }

  public static void main(String[] args) {
    long mainStarted = System.currentTimeMillis();
    // Before anything touches Vert.x, so that its own loggers go through SLF4J and logback too.
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    int exitCode = commandLine(System.getenv(), mainStarted).execute(args);
    System.exit(exitCode);
  }

  /** The command line, configured as {@link #main} runs it; tests call {@code execute} on it. */
  static CommandLine commandLine(Map<String, String> env, long mainStartedMillis) {
    return new CommandLine(new Main(env, mainStartedMillis));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Settings settings;
    try {
      settings = settings();
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("Cannot load the configuration: " + e.getMessage());
      return 1;
    }

    Future<RunningShop> starting = Shop.start(settings, selectedServices());
    Thread shutdown = new Thread(() -> stopOnShutdown(starting, out), "vertx-shop-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    RunningShop shop;
    try {
      shop = starting.await();
    } catch (Exception e) {
      // Shop.start leaves nothing running when it fails.
      forget(shutdown);
      err.println(failureMessage(e));
      return 1;
    }
    reportReady(shop, out);
    serveDashboard(shop, settings, out, err);
    exitNormallyOnStopSignals();
    awaitStop();
    return 0;
  }

  private static void forget(Thread shutdownHook) {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway and finds the start-up failed: nothing to stop.
    }
  }

  /** The merged configuration: defaults, {@code --config}, environment, then the options. */
  Settings settings() {
    Map<String, String> merged = new HashMap<>(env);
    if (configFile != null) {
      merged.put(ConfigLoader.CONFIG_FILE_ENV, configFile.toString());
    }
    Settings settings = ConfigLoader.load(merged);
    if (cluster) {
      settings = settings.with("cluster.enabled", true);
    }
    return noDemoCatalogue ? settings.with("inventory.demo-catalogue", false) : settings;
  }

  Set<String> selectedServices() {
    return new LinkedHashSet<>(services);
  }

  private void reportReady(RunningShop shop, PrintWriter out) {
    long now = System.currentTimeMillis();
    long sinceJvmStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
    shop.describeServers().forEach(out::println);
    for (String service : shop.services()) {
      out.println(service + " listening on " + shop.url(service));
    }
    out.println("All services ready in " + sinceJvmStart + " ms (" + (now - mainStartedMillis) + " ms after main started)");
    out.flush();
  }

  /**
   * Serves the operations dashboard unless {@code dashboard.enabled} is false. The services run
   * without it when its port is taken: a warning says so.
   */
  private static void serveDashboard(RunningShop shop, Settings settings, PrintWriter out, PrintWriter err) {
    DashboardSettings dashboard = DashboardSettings.from(settings);
    if (!dashboard.enabled()) {
      return;
    }
    try {
      int port = Dashboard.start(shop, dashboard).await(DASHBOARD_START_SECONDS, TimeUnit.SECONDS).port();
      out.println("Dashboard on http://127.0.0.1:" + port + "/dashboard/");
    } catch (Exception e) {
      err.println("Dashboard not served (dashboard.port " + dashboard.port() + "): " + e.getMessage());
    }
    out.flush();
    err.flush();
  }

  /**
   * SIGTERM and SIGINT are how the shop is meant to stop, so the JVM ends with status 0 instead of
   * 143/130; the shutdown hook still does the cleaning up.
   */
  private static void exitNormallyOnStopSignals() {
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal.handle(new Signal(name), signal -> System.exit(0));
      } catch (IllegalArgumentException e) {
        // The signal is reserved here (e.g. java -Xrs): the JVM's own handling applies.
      }
    }
  }

  private void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopOnShutdown(Future<RunningShop> starting, PrintWriter out) {
    long begin = System.nanoTime();
    try {
      RunningShop shop = starting.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
      out.println("Stopping " + String.join(", ", shop.services()));
      out.flush();
      shop.close().await(SHUTDOWN_WAIT_SECONDS + shop.shutdownGrace().toSeconds(), TimeUnit.SECONDS);
      out.println("Stopped in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
    } catch (TimeoutException e) {
      out.println("Gave up waiting for the services to stop after " + SHUTDOWN_WAIT_SECONDS + " s");
    } catch (Exception e) {
      // The start-up failed (and cleaned up after itself) or stopping failed: nothing left to do.
      out.println("Stopped: " + failureMessage(e));
    } finally {
      out.flush();
      stopped.countDown();
    }
  }

  /** A configuration error is its message alone; anything else is the chain of causes, without a stack trace. */
  static String failureMessage(Throwable failure) {
    if (failure instanceof ConfigException) {
      return failure.getMessage();
    }
    StringBuilder message = new StringBuilder("Start-up failed: ").append(describe(failure));
    Throwable cause = failure.getCause();
    for (int depth = 0; cause != null && cause != failure && depth < 5; depth++) {
      message.append("\n  caused by ").append(describe(cause));
      failure = cause;
      cause = cause.getCause();
    }
    return message.toString();
  }

  private static String describe(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getName() : failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  /** Accepts only the names in {@link Services#NAMES}. */
  static final class ServiceName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String name = value.trim();
      if (Services.named(name).isEmpty()) {
        throw new TypeConversionException(Services.unknown(name));
      }
      return name;
    }
  }

  /** The shop's version from the jar manifest, and the Vert.x and Java versions it runs on. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String shop = Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("(not packaged)");
      return new String[] {
        "vertx-shop " + shop,
        "Vert.x " + vertxVersion(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
      };
    }

    private static String vertxVersion() {
      try (InputStream in = Future.class.getClassLoader().getResourceAsStream("META-INF/vertx/vertx-version.txt")) {
        return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
