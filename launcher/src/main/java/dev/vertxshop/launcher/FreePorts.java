package dev.vertxshop.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Ports that nothing listens on right now, chosen by the operating system. */
public final class FreePorts {

  private FreePorts() {}

  public static int pick() {
    return pick(1).get(0);
  }

  /**
   * {@code count} different free ports. All sockets stay open until the last port is chosen, so the
   * operating system cannot hand out the same port twice.
   */
  public static List<Integer> pick(int count) {
    return pick(count, Set.of());
  }

  /** {@code count} different free ports, none of them in {@code excluded}. */
  public static List<Integer> pick(int count, Set<Integer> excluded) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      while (ports.size() < count) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
        if (!excluded.contains(socket.getLocalPort())) {
          ports.add(socket.getLocalPort());
        }
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port", e);
    } finally {
      sockets.forEach(FreePorts::closeQuietly);
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // only used to learn a port number
    }
  }
}
