package dev.vertxshop.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports that nothing listens on right now, for servers that will bind them a little later.
 *
 * <p>They are chosen below the operating system's ephemeral range (Linux: {@code
 * /proc/sys/net/ipv4/ip_local_port_range}, 32768 and up by default). A port the system handed out
 * itself would be free only until the system hands it out again, to any outgoing connection or
 * server asking for port 0 — on a busy machine, often before our server binds it. Below that range
 * only a server that asks for that very port can take it.
 */
public final class FreePorts {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 20_000;
  private static final int DEFAULT_EPHEMERAL_START = 32_768;
  private static final int MAX_TRIES = 10_000;

  private FreePorts() {}

  public static int pick() {
    return pick(1).get(0);
  }

  /**
   * {@code count} different free ports. All sockets stay open until the last port is chosen, so no
   * port is chosen twice.
   */
  public static List<Integer> pick(int count) {
    return pick(count, Set.of());
  }

  /** {@code count} different free ports, none of them in {@code excluded}. */
  public static List<Integer> pick(int count, Set<Integer> excluded) {
    int below = ephemeralStart();
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int tries = 0; ports.size() < count; tries++) {
        if (tries == MAX_TRIES) {
          throw new IllegalStateException("No free port found in " + LOWEST + ".." + (below - 1) + " after " + MAX_TRIES + " tries");
        }
        int candidate = ThreadLocalRandom.current().nextInt(LOWEST, below);
        if (excluded.contains(candidate) || ports.contains(candidate)) {
          continue;
        }
        ServerSocket socket = bound(candidate);
        if (socket != null) {
          sockets.add(socket);
          ports.add(candidate);
        }
      }
      return List.copyOf(ports);
    } finally {
      sockets.forEach(FreePorts::closeQuietly);
    }
  }

  private static ServerSocket bound(int port) {
    ServerSocket socket = null;
    try {
      socket = new ServerSocket();
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port));
      return socket;
    } catch (IOException taken) {
      if (socket != null) {
        closeQuietly(socket);
      }
      return null;
    }
  }

  /** Where the ephemeral range starts; ports are chosen from {@value #LOWEST} up to just below it. */
  private static int ephemeralStart() {
    try {
      String[] range = Files.readString(EPHEMERAL_RANGE, StandardCharsets.US_ASCII).trim().split("\\s+");
      int start = Integer.parseInt(range[0]);
      return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // only used to learn that the port is free
    }
  }
}
