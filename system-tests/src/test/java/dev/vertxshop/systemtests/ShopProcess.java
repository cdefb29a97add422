package dev.vertxshop.systemtests;

import dev.vertxshop.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Some of the shop's services in a JVM of their own, started from the launcher's fat jar. It can be
 * stopped (SIGTERM), killed ({@code kill -9}) and started again with the same configuration; each
 * run's output goes to a file under {@code target/shop-logs}. Its heap is 256 MB unless the system
 * property {@code shop.heap} says otherwise (a benchmark's load needs more).
 */
public final class ShopProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShopProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final String name;
  private final List<String> services;
  private final Map<String, String> env;
  private Process process;
  private int runs;

  private ShopProcess(String name, List<String> services, Map<String, String> env) {
    this.name = name;
    this.services = List.copyOf(services);
    this.env = Map.copyOf(env);
  }

  /**
   * Starts {@code services} with {@code env} added to this JVM's environment, and waits until ready.
   * The services trust the test identity provider ({@link TestTokens#DEFAULT}) unless {@code env}
   * says otherwise.
   */
  public static ShopProcess start(String name, List<String> services, Map<String, String> env) {
    Map<String, String> withTokens = new HashMap<>(TestTokens.env());
    withTokens.putAll(env);
    ShopProcess shop = new ShopProcess(name, services, withTokens);
    shop.start();
    return shop;
  }

  public String name() {
    return name;
  }

  /** The output files of every run so far, oldest first. */
  public synchronized List<Path> logs() {
    List<Path> logs = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      logs.add(logDirectory().resolve(name + "-" + run + ".log"));
    }
    return logs;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Starts the JVM again (after a stop or a kill) and waits until every service is ready. */
  public synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    runs++;
    Path log = logDirectory().resolve(name + "-" + runs + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + System.getProperty("shop.heap", "256m"), "-XX:+UseSerialGC",
        "-jar", jar().toString(),
        "--services", String.join(",", services)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = new HashMap<>(builder.environment());
    // What points a service at a server comes from the test only, never from the environment it runs in.
    environment.keySet().removeIf(key -> key.startsWith("PG_") || key.endsWith("_SERVICE_URL") || key.endsWith("_HTTP_PORT")
        || key.startsWith("KAFKA_") || key.startsWith("REDIS_") || key.startsWith("NOTIFICATIONS_SMTP_")
        || key.startsWith("CLUSTER_") || key.endsWith("_SERVICE_ADDRESS") || key.endsWith("_GRPC_PORT"));
    // Several shops run side by side: none serves the dashboard on its fixed port unless a test asks.
    environment.put("DASHBOARD_ENABLED", "false");
    environment.putAll(env);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Instant started = Instant.now();
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
    waitUntilReady(log, started);
    LOG.info("{} (pid {}) ready in {} ms: {}", name, process.pid(), Duration.between(started, Instant.now()).toMillis(), services);
  }

  private void waitUntilReady(Path log, Instant started) {
    Instant deadline = started.plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String output = read(log);
      if (output.contains("All services ready")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + output);
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while " + name + " was starting", e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + ":\n" + read(log));
  }

  /** The exit code of the last run, once it has ended. */
  public synchronized int exitCode() {
    if (process == null || process.isAlive()) {
      throw new IllegalStateException(name + " has not ended");
    }
    return process.exitValue();
  }

  /** {@code kill -9}: the JVM ends at once, with no shutdown hook and nothing flushed. */
  public synchronized void kill() {
    if (isAlive()) {
      process.destroyForcibly();
      awaitExit();
      LOG.info("{} killed (SIGKILL)", name);
    }
  }

  /** SIGTERM, then waits for the JVM to exit. */
  public synchronized void stop() {
    if (isAlive()) {
      process.destroy();
      awaitExit();
      LOG.info("{} stopped (SIGTERM), exit code {}", name, process.exitValue());
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("shop.jar", "../launcher/target/vertx-shop.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No fat jar at " + jar.toAbsolutePath() + ": build the launcher first (mvn package)");
    }
    return jar;
  }

  private static Path logDirectory() {
    Path dir = Path.of(System.getProperty("shop.logs", "target/shop-logs"));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
