package dev.vertxshop.grpcinterop;

import dev.vertxshop.fraud.FraudConfig;
import dev.vertxshop.fraud.FraudVerticle;
import dev.vertxshop.fraud.domain.FraudRules;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One fraud server for the benchmark, alone in its JVM. {@code vertx INSTANCES EVENT_LOOPS} deploys
 * that many {@link FraudVerticle}s, sharing one {@link FraudRules}, on a Vert.x with that many event
 * loops; {@code grpc-java EVENT_LOOPS} serves one FraudRules built from the same configuration with a
 * plain grpc-java Netty server (direct executor, that many worker event loops). Both use Netty's NIO
 * transport, Vert.x's default, so that neither gains from a native transport the other lacks.
 * Both check every call's credential as the deployed service does: the Vert.x server with its own
 * guard, the grpc-java one with {@link GrpcJavaCallGuard} over the same platform {@link AuthGuard},
 * both trusting the key in the {@code AUTH_JWT_*} variables of the environment ({@link
 * BenchmarkIdentity}). Prints {@code listening PORT}, then serves until its standard input closes.
 */
public final class BenchmarkServer {

  private BenchmarkServer() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    String kind = args[0];
    switch (kind) {
      case "vertx" -> serveVertx(Integer.parseInt(args[1]), Integer.parseInt(args[2]), out);
      case "grpc-java" -> serveGrpcJava(Integer.parseInt(args[1]), out);
      default -> throw new IllegalArgumentException("unknown server " + kind + " (vertx | grpc-java)");
    }
  }

  private static Settings settings(int grpcPort) throws IOException {
    // Several instances share one port only when it is given: port 0 would give each its own.
    return ConfigLoader.load(BenchmarkIdentity.trustOnly(System.getenv()))
        .with("fraud.grpc.port", grpcPort)
        .with("fraud.http.port", freePort());
  }

  private static void serveVertx(int instances, int eventLoops, PrintStream out) throws Exception {
    int port = freePort();
    FraudConfig config = FraudConfig.from(settings(port));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    // One FraudRules for every instance, as the grpc-java server has one for every thread.
    Supplier<FraudVerticle> sharingRules = FraudVerticle.sharingRules(config);
    List<FraudVerticle> deployed = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
      FraudVerticle verticle = sharingRules.get();
      deployed.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(instances))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    out.println("listening " + deployed.get(0).grpcPort());
    out.flush();
    awaitEndOfInput();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void serveGrpcJava(int eventLoops, PrintStream out) throws Exception {
    FraudConfig config = FraudConfig.from(settings(0));
    FraudRules rules = new FraudRules(config.rules(), Clock.systemUTC());
    // The platform's token verifier runs on Vert.x; its event loop stays idle, tokens are checked on the caller's thread.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    AuthGuard auth = AuthGuard.create(vertx, config.auth());
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(eventLoops, NioIoHandler.newFactory());
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers)
        .channelType(NioServerSocketChannel.class)
        .directExecutor()
        .addService(ServerInterceptors.intercept(new GrpcJavaFraudService(rules), new GrpcJavaCallGuard(auth)))
        .build()
        .start();
    out.println("listening " + server.getPort());
    out.flush();
    awaitEndOfInput();
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    auth.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void awaitEndOfInput() throws IOException {
    InputStream in = System.in;
    byte[] ignored = new byte[256];
    while (in.read(ignored) >= 0) {
      // The benchmark only ever closes this stream.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
