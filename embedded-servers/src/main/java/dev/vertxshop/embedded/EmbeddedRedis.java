package dev.vertxshop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary shipped in {@code com.github.codemonstur:embedded-redis}, run as a
 * child process) on 127.0.0.1, for development and tests. It keeps nothing on disk: no snapshots,
 * no append-only file, so a restart starts empty.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final int OUTPUT_LINES_KEPT = 20;

  private final int port;
  private final RedisServer server;

  private EmbeddedRedis(int port, RedisServer server) {
    this.port = port;
    this.server = server;
  }

  /**
   * Starts a Redis server and returns once it accepts connections.
   *
   * @param port the port on 127.0.0.1; 0 picks a free one (Redis itself reads 0 as "no TCP at all")
   * @throws PortInUseException when something already listens on {@code port}
   */
  public static EmbeddedRedis start(int port) {
    int resolved = Ports.resolve(port);
    Ports.requireFree(resolved, "Redis server");
    List<String> output = new ArrayList<>();
    RedisServer server;
    try {
      server = RedisServer.newRedisServer()
          .bind(Ports.HOST)
          .port(resolved)
          .setting("save \"\"")
          .setting("appendonly no")
          .soutListener(line -> keep(output, line))
          .serrListener(line -> keep(output, line))
          .build();
      server.start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("The embedded Redis server on " + Ports.HOST + ":" + resolved
          + " failed to start: " + e.getMessage() + lastLines(output), e);
    }
    return new EmbeddedRedis(resolved, server);
  }

  private static void keep(List<String> output, String line) {
    synchronized (output) {
      if (output.size() == OUTPUT_LINES_KEPT) {
        output.remove(0);
      }
      output.add(line);
    }
  }

  private static String lastLines(List<String> output) {
    synchronized (output) {
      return output.isEmpty() ? "" : "; its last output:\n  " + String.join("\n  ", output);
    }
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://" + Ports.HOST + ":" + port;
  }

  public boolean isRunning() {
    return server.isActive();
  }

  /** Stops the server; what it held is gone. Does nothing when it is stopped. */
  public void stop() {
    if (!server.isActive()) {
      return;
    }
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop the embedded Redis server on " + Ports.HOST + ":" + port, e);
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (UncheckedIOException e) {
      LOG.warn("{}", e.getMessage(), e.getCause());
    }
  }
}
