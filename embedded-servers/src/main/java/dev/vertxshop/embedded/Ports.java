package dev.vertxshop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for the embedded servers. */
final class Ports {

  static final String HOST = "127.0.0.1";

  private Ports() {}

  /** A port nobody listens on right now (another process may still take it before we bind it). */
  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port on " + HOST, e);
    }
  }

  /** {@code port} itself when it is not 0, otherwise a free port. */
  static int resolve(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Port " + port + " is outside 0..65535");
    }
    return port == 0 ? free() : port;
  }

  /**
   * Fails with a message that names the server and the address when something already listens on
   * {@code port}, which the servers themselves report far less clearly (or, for Redis, only in its
   * output).
   */
  static void requireFree(int port, String server) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
    } catch (IOException e) {
      throw new PortInUseException(server, HOST + ":" + port, e);
    }
  }
}
