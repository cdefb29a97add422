package dev.vertxshop.grpcinterop;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Throughput and latency of the fraud service's two RPCs on the Vert.x server (FraudVerticle) and
 * on a plain grpc-java Netty server running the same FraudRules, loaded by one and the same client.
 *
 * <p>Each server runs alone in a JVM of its own, started from here; this JVM is the client:
 * grpc-java with a direct executor (answers handled on the client's Netty event loops, no thread
 * hand-off). As in production, every call carries a service credential and both servers check it: a
 * key pair is made for the run ({@link BenchmarkIdentity}), the servers trust its public half, and
 * the client sends one token with the internal grant on every unary call and every stream. Separate
 * JVMs keep the client's garbage collections and JIT work out of the servers' pauses and let each
 * server warm up on its own code only; they all share the machine's cores, as they would on one
 * host.
 *
 * <p>A client that is still compiling, or a server measured at a different moment, skews a
 * comparison, so for each load (BatchCheck streams, then concurrent CheckTransaction calls) every
 * server first gets the same warm-up, then the measured time is split into rounds in the order A B B
 * A: each server is measured as often early as late, with the client equally warm. Each round starts
 * its load afresh and lets it settle for a second before measuring. Prints checks/s, round-trip
 * percentiles and the CPU each side used, the ratio Vert.x / grpc-java, and whether the goals are met.
 *
 * <pre>FraudBenchmark [--seconds 10] [--warmup-seconds 5] [--streams 4] [--window 512] ...</pre>
 * (see {@link BenchmarkOptions}).
 */
public final class FraudBenchmark {

  static final double STREAMING_GOAL = 150_000;
  static final double UNARY_GOAL = 20_000;
  private static final Duration SETTLE = Duration.ofSeconds(1);
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Map<String, String> SERVER_NAMES = Map.of("vertx", "Vert.x", "grpc-java", "grpc-java");

  private final BenchmarkOptions options;
  private final BenchmarkIdentity identity = BenchmarkIdentity.generate();
  private final String serviceToken = identity.serviceToken();
  private final List<Row> rows = new ArrayList<>();

  private FraudBenchmark(BenchmarkOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    FraudBenchmark benchmark = new FraudBenchmark(BenchmarkOptions.parse(args));
    benchmark.describe();
    Map<String, ServerProcess> servers = benchmark.startServers();
    try {
      if (benchmark.options.loads().contains("streaming")) {
        benchmark.measure(new Kind("BatchCheck", benchmark.options.streams(),
            channels -> new StreamingLoad(channels, benchmark.options.window())), servers);
      }
      if (benchmark.options.loads().contains("unary")) {
        benchmark.measure(new Kind("CheckTransaction", benchmark.options.unaryConnections(),
            channels -> new UnaryLoad(channels, benchmark.options.unaryConcurrency())), servers);
      }
    } finally {
      for (ServerProcess process : servers.values()) {
        process.close();
      }
    }
    boolean clean = benchmark.report();
    System.exit(clean ? 0 : 1);
  }

  private record Row(String load, String server, Measurement measurement) {}

  /** A load: its RPC, its connections per server, how it is built on them. */
  private record Kind(String rpc, int connections, Function<List<ManagedChannel>, Load> loadOn) {}

  private void describe() {
    System.out.printf(Locale.ROOT, "fraud gRPC benchmark: %d cores, Java %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "client (this JVM): grpc-java %s, direct executor, Netty %s event loops%n",
        grpcVersion(), clientTransport());
    System.out.printf(Locale.ROOT, "servers, each in a JVM of its own (%s):%n", String.join(" ", options.serverJvmArgs()));
    System.out.printf(Locale.ROOT, "  Vert.x     %d FraudVerticle instance(s) on %d event loop(s), vertx-grpc-server, Netty NIO%n",
        options.vertxInstances(), options.serverEventLoops());
    System.out.printf(Locale.ROOT, "  grpc-java  NettyServerBuilder, direct executor, %d worker event loop(s), Netty NIO, the same FraudRules%n",
        options.serverEventLoops());
    System.out.println("every call carries a service token (RS256, internal grant), checked by both servers with the platform's AuthGuard");
    System.out.printf(Locale.ROOT, "each load: %d s warm-up per server, then %d s measured per server in rounds A B B A%n%n",
        options.warmup().toSeconds(), options.measured().toSeconds());
  }

  private Map<String, ServerProcess> startServers() throws Exception {
    Map<String, ServerProcess> servers = new LinkedHashMap<>();
    try {
      for (String server : options.servers()) {
        List<String> serverArgs = server.equals("grpc-java")
            ? List.of(server, Integer.toString(options.serverEventLoops()))
            : List.of(server, Integer.toString(options.vertxInstances()), Integer.toString(options.serverEventLoops()));
        List<String> jvmArgs = new ArrayList<>(options.serverJvmArgs());
        if (!options.profile().equals("none")) {
          jvmArgs.add(Profiler.agentArgument(options.profile(),
              Path.of("target", "bench-profiles", server + "-" + options.profile() + ".html")));
        }
        ServerProcess process = ServerProcess.start(options.serverCpus(), jvmArgs, serverArgs, identity.trustEnvironment(),
            Path.of("target", "bench-logs", server + ".log"));
        servers.put(server, process);
        System.out.printf(Locale.ROOT, "%s server: pid %d, port %d%n", name(server), process.pid(), process.port());
      }
    } catch (Exception e) {
      for (ServerProcess process : servers.values()) {
        process.close();
      }
      throw e;
    }
    return servers;
  }

  private void measure(Kind kind, Map<String, ServerProcess> servers) throws InterruptedException {
    Map<String, List<ManagedChannel>> channels = new LinkedHashMap<>();
    servers.forEach((server, process) -> channels.put(server, connect(process.port(), kind.connections(), serviceToken)));
    try {
      for (String server : servers.keySet()) {
        run(kind, channels.get(server), servers.get(server), options.warmup());
      }
      List<String> rounds = new ArrayList<>(servers.keySet());
      List<String> reversed = new ArrayList<>(servers.keySet());
      Collections.reverse(reversed);
      rounds.addAll(reversed);
      Duration round = options.measured().dividedBy(2);
      Map<String, Measurement> measured = new LinkedHashMap<>();
      String shape = "";
      for (String server : rounds) {
        Load load = kind.loadOn().apply(channels.get(server));
        shape = load.shape();
        measured.merge(server, run(load, servers.get(server), round), Measurement::plus);
        Optional.ofNullable(load.firstFailure()).ifPresent(f -> System.out.println("  first failure: " + f));
      }
      String name = kind.rpc() + ", " + shape;
      measured.forEach((server, measurement) -> {
        rows.add(new Row(name, name(server), measurement));
        System.out.printf(Locale.ROOT, "  %-48s %-10s %,12.0f checks/s%n", name, name(server), measurement.checksPerSecond());
      });
    } finally {
      for (List<ManagedChannel> serverChannels : channels.values()) {
        for (ManagedChannel channel : serverChannels) {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** Warm-up: the load for {@code period}, measured but not kept. */
  private void run(Kind kind, List<ManagedChannel> channels, ServerProcess process, Duration period)
      throws InterruptedException {
    run(kind.loadOn().apply(channels), process, period);
  }

  /** Starts {@code load}, lets it settle, measures it for {@code period}, stops it. */
  private static Measurement run(Load load, ServerProcess process, Duration period) throws InterruptedException {
    load.start();
    try {
      load.measure(SETTLE, process.pid());
      return load.measure(period, process.pid());
    } finally {
      load.stop(GRACE);
    }
  }

  /**
   * {@code connections} channels to 127.0.0.1:{@code port}, each a connection of its own with a
   * direct executor, every call through them carrying {@code token}.
   */
  static List<ManagedChannel> connect(int port, int connections, String token) {
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port)
          .usePlaintext()
          .directExecutor()
          .intercept(BearerCredential.attaching(token))
          .build());
    }
    return channels;
  }

  private static String name(String server) {
    return SERVER_NAMES.getOrDefault(server, server);
  }

  /** Prints the table, the ratios and the goals; false when a load saw failures. */
  private boolean report() {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-48s %-10s %10s %7s %7s %8s %8s %6s %6s %6s %9s%n",
        "load", "server", "checks/s", "p50 ms", "p99 ms", "p99.9 ms", "failures", "server", "client", "others",
        "server µs");
    long failures = 0;
    double others = 0;
    for (Row row : rows) {
      Measurement m = row.measurement();
      failures += m.failures();
      others = Math.max(others, m.cores().others());
      System.out.printf(Locale.ROOT, "%-48s %-10s %,10.0f %7.2f %7.2f %8.2f %8d %6.2f %6.2f %6.2f %9.2f%n",
          row.load(), row.server(), m.checksPerSecond(), m.millisAt(50), m.millisAt(99), m.millisAt(99.9), m.failures(),
          m.cores().server(), m.cores().client(), m.cores().others(), m.serverMicrosPerCheck());
    }
    System.out.println("server, client, others: cores used in the measured period by the server's JVM, by this client"
        + " JVM and by all other processes; server µs: the server's CPU time per check");
    if (others > 0.25) {
      System.out.printf(Locale.ROOT, "WARNING: other processes used up to %.2f cores during a measurement: the figures are"
          + " lower than on a quiet machine%n", others);
    }
    System.out.println();
    Optional<Double> streamingVertx = rate("BatchCheck", "Vert.x");
    Optional<Double> unaryVertx = rate("CheckTransaction", "Vert.x");
    Optional<Double> streamingRatio = ratio("BatchCheck");
    Optional<Double> unaryRatio = ratio("CheckTransaction");
    streamingRatio.ifPresent(r -> System.out.printf(Locale.ROOT, "Vert.x / grpc-java, BatchCheck:       %.2fx checks/s, %.2fx checks per server CPU second%n",
        r, efficiency("BatchCheck").orElse(Double.NaN)));
    unaryRatio.ifPresent(r -> System.out.printf(Locale.ROOT, "Vert.x / grpc-java, CheckTransaction: %.2fx checks/s, %.2fx checks per server CPU second%n",
        r, efficiency("CheckTransaction").orElse(Double.NaN)));
    streamingVertx.ifPresent(r -> goal("Vert.x BatchCheck >= 150,000 checks/s", r >= STREAMING_GOAL));
    unaryVertx.ifPresent(r -> goal("Vert.x CheckTransaction >= 20,000 calls/s", r >= UNARY_GOAL));
    if (streamingRatio.isPresent() && unaryRatio.isPresent()) {
      goal("Vert.x >= 1.0x grpc-java on both loads", streamingRatio.get() >= 1.0 && unaryRatio.get() >= 1.0);
    }
    return failures == 0;
  }

  private static void goal(String goal, boolean met) {
    System.out.printf(Locale.ROOT, "goal %-45s %s%n", goal + ":", met ? "met" : "NOT met");
  }

  private Optional<Double> rate(String rpc, String server) {
    return rows.stream()
        .filter(row -> row.load().startsWith(rpc) && row.server().equals(server))
        .map(row -> row.measurement().checksPerSecond())
        .findFirst();
  }

  /** grpc-java's server CPU time per check over Vert.x's: above 1 when Vert.x does a check with less CPU. */
  private Optional<Double> efficiency(String rpc) {
    return micros(rpc, "grpc-java").flatMap(grpcJava -> micros(rpc, "Vert.x").map(vertx -> grpcJava / vertx));
  }

  private Optional<Double> micros(String rpc, String server) {
    return rows.stream()
        .filter(row -> row.load().startsWith(rpc) && row.server().equals(server))
        .map(row -> row.measurement().serverMicrosPerCheck())
        .findFirst();
  }

  private Optional<Double> ratio(String rpc) {
    return rate(rpc, "Vert.x").flatMap(vertx -> rate(rpc, "grpc-java").map(grpcJava -> vertx / grpcJava));
  }

  private static String grpcVersion() {
    return io.grpc.internal.GrpcUtil.IMPLEMENTATION_VERSION;
  }

  private static String clientTransport() {
    return io.grpc.netty.shaded.io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "NIO";
  }
}
