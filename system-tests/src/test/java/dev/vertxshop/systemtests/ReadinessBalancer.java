package dev.vertxshop.systemtests;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP load balancer in the test JVM, as a Kubernetes Service or a cloud load balancer in front
 * of several instances: it asks each backend's {@code GET /health/ready} every 100 ms and sends each
 * request to the next backend that answered 200, round robin. It opens a new connection per
 * forwarded request, so a backend that stops accepting after its readiness turned 503 is never sent
 * a request on a connection it is closing. A request it cannot forward is answered 502 and counted.
 */
final class ReadinessBalancer implements AutoCloseable {

  private static final long PROBE_INTERVAL_MS = 100;
  private static final int MAX_CONNECTIONS_PER_BACKEND = 64;
  private static final Set<CharSequence> HOP_BY_HOP = Set.of(
      "connection", "keep-alive", "transfer-encoding", "content-length", "host", "upgrade");

  private final Vertx vertx;
  private final HttpClient client;
  // Probes have a client of their own, so that they never wait behind forwarded requests for a connection.
  private final HttpClient probes;
  private final Map<Integer, Backend> backends = new LinkedHashMap<>();
  private final AtomicLong unforwarded = new AtomicLong();
  private final Queue<String> unforwardedReasons = new ConcurrentLinkedQueue<>();
  private final AtomicInteger next = new AtomicInteger();
  private final long prober;
  private HttpServer server;

  private static final class Backend {
    final int port;
    volatile boolean ready;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();

    Backend(int port) {
      this.port = port;
    }
  }

  private ReadinessBalancer(Vertx vertx, List<Integer> ports) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(2000),
        new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_BACKEND));
    this.probes = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(1000));
    ports.forEach(port -> backends.put(port, new Backend(port)));
    this.prober = vertx.setPeriodic(1, PROBE_INTERVAL_MS, timer -> backends.values().forEach(this::probe));
  }

  /** Starts the balancer in front of the backends on 127.0.0.1 {@code ports}. */
  static ReadinessBalancer start(Vertx vertx, List<Integer> ports) {
    ReadinessBalancer balancer = new ReadinessBalancer(vertx, ports);
    balancer.server = TcpProxy.await(vertx.createHttpServer().requestHandler(balancer::forward).listen(0, "127.0.0.1"));
    return balancer;
  }

  int port() {
    return server.actualPort();
  }

  boolean isReady(int backendPort) {
    return backends.get(backendPort).ready;
  }

  /** Requests sent to the backend on {@code backendPort} so far, answered or not. */
  long forwarded(int backendPort) {
    return backends.get(backendPort).forwarded.get();
  }

  /** Requests the backend on {@code backendPort} has not answered yet. */
  int inFlight(int backendPort) {
    return backends.get(backendPort).inFlight.get();
  }

  /** Requests answered 502: no backend was ready, or the chosen one failed to answer. */
  long unforwarded() {
    return unforwarded.get();
  }

  /** Why each of the {@link #unforwarded()} requests was answered 502. */
  List<String> unforwardedReasons() {
    return List.copyOf(unforwardedReasons);
  }

  private void refuse(HttpServerRequest request, String reason) {
    unforwarded.incrementAndGet();
    unforwardedReasons.add(reason);
    request.response().setStatusCode(502).end(reason);
  }

  private void probe(Backend backend) {
    probes.request(new RequestOptions().setHost("127.0.0.1").setPort(backend.port).setURI("/health/ready")
            .setTimeout(1000))
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode() == 200))
        .onComplete(ready -> backend.ready = ready.succeeded() && ready.result());
  }

  private Backend choose() {
    List<Backend> ready = backends.values().stream().filter(backend -> backend.ready).toList();
    return ready.isEmpty() ? null : ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
  }

  private void forward(HttpServerRequest request) {
    HttpMethod method = request.method();
    String uri = request.uri();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    request.headers().forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase())) {
        headers.add(name, value);
      }
    });
    request.body().onSuccess(body -> {
      Backend backend = choose();
      if (backend == null) {
        refuse(request, "no backend is ready");
        return;
      }
      backend.forwarded.incrementAndGet();
      backend.inFlight.incrementAndGet();
      send(backend, method, uri, headers, body)
          .onComplete(answered -> backend.inFlight.decrementAndGet())
          .onSuccess(answer -> {
            answer.response().headers().forEach((name, value) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                request.response().headers().add(name, value);
              }
            });
            request.response().setStatusCode(answer.response().statusCode()).end(answer.body());
          })
          .onFailure(failure -> {
            refuse(request, "backend " + backend.port + " failed: " + failure);
          });
    });
  }

  private record Answer(HttpClientResponse response, Buffer body) {}

  private Future<Answer> send(Backend backend, HttpMethod method, String uri, MultiMap headers, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(backend.port)
        .setURI(uri).setHeaders(headers).setTimeout(30_000);
    return client.request(options)
        .compose(request -> body.length() == 0 ? request.send() : request.putHeader(HttpHeaders.CONTENT_LENGTH,
            Integer.toString(body.length())).send(body))
        .compose(response -> response.body().map(answer -> new Answer(response, answer)));
  }

  @Override
  public void close() {
    vertx.cancelTimer(prober);
    if (server != null) {
      TcpProxy.await(server.close());
    }
    TcpProxy.await(client.close());
    TcpProxy.await(probes.close());
  }
}
