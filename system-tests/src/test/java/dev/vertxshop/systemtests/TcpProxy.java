package dev.vertxshop.systemtests;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 in front of one service, for fault tests: it can add latency to the
 * service's answers, swallow its answers (the request still arrives), or refuse connections. It
 * records when each request started to pass, so a test can tell whether a caller reached the service.
 */
public final class TcpProxy implements AutoCloseable {

  private final Vertx vertx;
  private final int targetPort;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private final List<Instant> requests = new CopyOnWriteArrayList<>();
  private final List<Instant> connections = new CopyOnWriteArrayList<>();
  private final AtomicLong swallowedRequests = new AtomicLong();
  private final AtomicReference<Duration> replyDelay = new AtomicReference<>(Duration.ZERO);
  private volatile boolean swallowReplies;
  private volatile boolean refusing;
  private NetServer server;

  private TcpProxy(Vertx vertx, int targetPort) {
    this.vertx = vertx;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000));
  }

  /** A proxy on a free port of 127.0.0.1 forwarding to {@code targetPort}. */
  public static TcpProxy start(Vertx vertx, int targetPort) {
    TcpProxy proxy = new TcpProxy(vertx, targetPort);
    proxy.server = await(vertx.createNetServer().connectHandler(proxy::accept).listen(0, "127.0.0.1"));
    return proxy;
  }

  public int port() {
    return server.actualPort();
  }

  /** Answers reach the caller this much later than the service gave them. */
  public void delayReplies(Duration delay) {
    replyDelay.set(delay);
  }

  /** While on, requests reach the service but its answers never reach the caller. */
  public void swallowReplies(boolean on) {
    swallowReplies = on;
  }

  /** While on, connections are closed as soon as they are accepted, and open ones are closed. */
  public void refuse(boolean on) {
    refusing = on;
    if (on) {
      sockets.forEach(NetSocket::close);
    }
  }

  /** When each request passed (the first bytes of every HTTP request line seen from the caller). */
  public List<Instant> requestTimes() {
    return List.copyOf(requests);
  }

  /** When each connection from a caller was accepted, whether the service was there or not. */
  public List<Instant> connectionTimes() {
    return List.copyOf(connections);
  }

  /** Requests that passed while answers were swallowed. */
  public long swallowedRequests() {
    return swallowedRequests.get();
  }

  private void accept(NetSocket downstream) {
    connections.add(Instant.now());
    if (refusing) {
      downstream.close();
      return;
    }
    downstream.pause();
    sockets.add(downstream);
    client.connect(targetPort, "127.0.0.1").onComplete(connected -> {
      if (connected.failed()) {
        sockets.remove(downstream);
        downstream.close();
        return;
      }
      NetSocket upstream = connected.result();
      sockets.add(upstream);
      downstream.handler(data -> {
        countRequests(data);
        upstream.write(data);
      });
      upstream.handler(data -> reply(downstream, data));
      downstream.closeHandler(closed -> close(upstream));
      upstream.closeHandler(closed -> close(downstream));
      downstream.exceptionHandler(failure -> close(downstream));
      upstream.exceptionHandler(failure -> close(upstream));
      downstream.resume();
    });
  }

  private void reply(NetSocket downstream, Buffer data) {
    if (swallowReplies) {
      return;
    }
    long delayMs = replyDelay.get().toMillis();
    if (delayMs <= 0) {
      downstream.write(data);
    } else {
      vertx.setTimer(delayMs, timer -> downstream.write(data));
    }
  }

  private void countRequests(Buffer data) {
    String text = data.toString(StandardCharsets.ISO_8859_1);
    int from = 0;
    while ((from = text.indexOf(" HTTP/1.1\r\n", from)) >= 0) {
      requests.add(Instant.now());
      if (swallowReplies) {
        swallowedRequests.incrementAndGet();
      }
      from += 11;
    }
  }

  private void close(NetSocket socket) {
    sockets.remove(socket);
    socket.close();
  }

  @Override
  public void close() {
    sockets.forEach(NetSocket::close);
    await(server.close());
    await(client.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
