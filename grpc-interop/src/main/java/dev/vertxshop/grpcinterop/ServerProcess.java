package dev.vertxshop.grpcinterop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link BenchmarkServer} in a JVM of its own, on this JVM's classpath. It prints the port it
 * listens on as its first line and stops when its standard input closes.
 */
final class ServerProcess implements AutoCloseable {

  private static final String LISTENING = "listening ";

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the server and waits (up to 60 s) until it listens.
   *
   * @param cpus the CPUs to run it on ({@code taskset -c} syntax), or empty for any
   * @param jvmArgs options of the server's JVM (heap, GC, an agent)
   * @param serverArgs the arguments of {@link BenchmarkServer#main}
   * @param environment variables added to the server's environment (its configuration)
   * @param log where the server's standard error goes
   */
  static ServerProcess start(String cpus, List<String> jvmArgs, List<String> serverArgs, Map<String, String> environment,
      Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (!cpus.isEmpty()) {
      command.addAll(List.of("taskset", "-c", cpus));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchmarkServer.class.getName());
    command.addAll(serverArgs);
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> readOutput(process, port), "server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(process, port.get(60, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("the " + serverArgs.get(0) + " server did not start; see " + log, e);
    }
  }

  /** Completes {@code port} from the first line that names it, then drains the rest of the output. */
  private static void readOutput(Process process, CompletableFuture<Integer> port) {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (!port.isDone() && line.startsWith(LISTENING)) {
          port.complete(Integer.parseInt(line.substring(LISTENING.length()).trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("the server process ended before it listened"));
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Closes the server's standard input, which stops it; kills it if it is still there after 10 s. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
