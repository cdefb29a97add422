package dev.vertxshop.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's load generator ({@code vertx-shop.jar loadgen}) in a JVM of its own, placing
 * orders until it is closed (SIGTERM: it prints what it placed so far) or its run is over. Its
 * output goes to a file under {@code target/shop-logs}.
 */
final class LoadgenProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoadgenProcess.class);

  private final Process process;

  private LoadgenProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code loadgen} with {@code arguments} (its options: see the README's "Load generator"). */
  static LoadgenProcess start(Path log, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
        "-jar", ShopProcess.jar().toString(), "loadgen"));
    command.addAll(arguments);
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      LOG.info("loadgen (pid {}) started, output in {}", process.pid(), log);
      return new LoadgenProcess(process);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start loadgen", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
