package dev.vertxshop.grpcinterop;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's yardstick, the plain grpc-java server, answers exactly as the Vert.x fraud service
 * does, so that the benchmark compares two servers of the same service.
 */
class GrpcJavaFraudServiceTest {

  @Test
  @DisplayName("the grpc-java server gives the Vert.x service's answers, malformed calls included")
  void answersAsTheVertxServiceDoes() throws Exception {
    List<Call> calls = new ArrayList<>(Conversation.everyRule());
    calls.addAll(Conversation.longStream(2_000));

    List<Answer> fromGrpcJava = converseWithGrpcJavaServer(calls);
    List<Answer> fromVertx;
    try (FraudServer server = FraudServer.start()) {
      fromVertx = new GrpcJavaCaller().converse(server.grpcPort(), calls);
    }

    assertThat(fromGrpcJava).hasSize(fromVertx.size());
    for (int i = 0; i < fromVertx.size(); i++) {
      assertThat(fromGrpcJava.get(i).sameAs(fromVertx.get(i)))
          .as("answer #%d: %s, the Vert.x service said %s", i, fromGrpcJava.get(i), fromVertx.get(i))
          .isTrue();
    }
  }

  private static List<Answer> converseWithGrpcJavaServer(List<Call> calls) throws Exception {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .directExecutor()
        .addService(new GrpcJavaFraudService(FraudServer.freshRules()))
        .build()
        .start();
    try {
      return new GrpcJavaCaller().converse(server.getPort(), calls);
    } finally {
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
