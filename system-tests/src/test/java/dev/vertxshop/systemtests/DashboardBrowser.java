package dev.vertxshop.systemtests;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core, through the node
 * script {@code launcher/src/test/browser/dashboard-driver.mjs}. Each {@link #check} sends the script
 * one step as a JSON line and waits for its answer ({@code ok <step>} or {@code fail <step>:
 * <what the page showed>}), so that a test can change the shop between two looks at the page. The
 * script's own output (Playwright's, Chromium's) goes to a log file.
 */
final class DashboardBrowser implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowser.class);
  /** Time for an answer beyond the step's own patience: a step that hangs must not hang the test. */
  private static final Duration MARGIN = Duration.ofSeconds(15);

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

  private DashboardBrowser(Process process) {
    this.process = process;
    this.commands = process.outputWriter(StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readAnswers, "dashboard-browser-answers");
    reader.setDaemon(true);
    reader.start();
  }

  /** The folder of the node script and its {@code node_modules}. */
  static Path scriptDirectory() {
    return Path.of(System.getProperty("dashboard.browser", "../launcher/src/test/browser"));
  }

  static Path chromium() {
    return Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  }

  /**
   * Skips the calling test when node, Chromium or the script's packages are missing, unless the
   * {@code CI} environment variable is set: CI installs them ({@code .ci/run}), so there the test
   * fails instead, saying what is missing.
   */
  static void assumeInstalled() {
    List<String> missing = new ArrayList<>();
    if (!nodeRuns()) {
      missing.add("node (Node.js) on the PATH");
    }
    if (!Files.isExecutable(chromium())) {
      missing.add("Chromium at " + chromium() + " (apt-get install chromium)");
    }
    if (!Files.isDirectory(scriptDirectory().resolve("node_modules/playwright-core"))) {
      missing.add("playwright-core in " + scriptDirectory().toAbsolutePath().normalize() + "/node_modules (npm ci there)");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "The dashboard's browser test needs " + String.join(", ", missing);
    if (inCi()) {
      throw new AssertionError(message + "; .ci/run installs them");
    }
    Assumptions.abort(message + " (skipped outside CI)");
  }

  /** Starts the script (no browser yet: the {@code open} step starts it), its output to {@code log}. */
  static DashboardBrowser start(Path log) {
    ProcessBuilder builder = new ProcessBuilder("node", "dashboard-driver.mjs")
        .directory(scriptDirectory().toFile())
        .redirectError(log.toFile());
    builder.environment().put("CHROMIUM", chromium().toString());
    try {
      Files.createDirectories(log.getParent());
      return new DashboardBrowser(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start node in " + scriptDirectory(), e);
    }
  }

  /** Opens the page at {@code url}. */
  void open(String url) {
    check(new JsonObject().put("step", "open").put("url", url), Duration.ofSeconds(30));
  }

  /** Saves the page to {@code path} if it can, for a test that failed: a failure to do so is only logged. */
  void saveScreenshot(Path path) {
    try {
      check("screenshot", new JsonObject().put("path", path.toAbsolutePath().toString()), Duration.ofSeconds(10));
      LOG.info("The page as the test failed: {}", path);
    } catch (AssertionError | RuntimeException e) {
      LOG.warn("No screenshot of the page: {}", e.getMessage());
    }
  }

  /**
   * Runs {@code step} with {@code args} and {@code patience} (how long the page may take to show
   * what the step expects); fails the test with the script's answer when the step failed.
   *
   * @return what the step answered after {@code ok <step>}, if anything
   */
  String check(String step, JsonObject args, Duration patience) {
    return check(args.copy().put("step", step).put("patience", patience.toMillis()), patience);
  }

  private String check(JsonObject command, Duration patience) {
    String step = command.getString("step");
    long started = System.nanoTime();
    try {
      commands.write(command.encode() + "\n");
      commands.flush();
      String answer = answers.poll(patience.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
      if (answer == null) {
        throw new AssertionError("The page gave no answer to '" + step + "' within " + patience.plus(MARGIN)
            + (process.isAlive() ? "" : "; node exited with " + process.exitValue()));
      }
      if (!answer.startsWith("ok " + step)) {
        throw new AssertionError("Dashboard in Chromium: " + answer);
      }
      LOG.info("dashboard: {} in {} ms", answer, (System.nanoTime() - started) / 1_000_000);
      return answer.substring(("ok " + step).length()).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("node does not take commands any more" + (process.isAlive() ? "" : " (exited)"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during '" + step + "'", e);
    }
  }

  private void readAnswers() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("ok ") || line.startsWith("fail ")) {
          answers.add(line);
        } else {
          LOG.info("dashboard driver: {}", line);
        }
      }
    } catch (IOException e) {
      LOG.debug("dashboard driver output ended: {}", e.toString());
    }
  }

  /** Ends stdin, which closes the browser and ends the script; kills it when it does not end. */
  @Override
  public void close() {
    try {
      commands.close();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  private static boolean nodeRuns() {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      node.getInputStream().readAllBytes();
      return node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
