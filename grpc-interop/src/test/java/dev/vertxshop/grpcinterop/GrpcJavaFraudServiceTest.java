package dev.vertxshop.grpcinterop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestTokens;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's yardstick, the plain grpc-java server behind its credential check, answers exactly
 * as the Vert.x fraud service does, refusals included, so that the benchmark compares two servers of
 * the same service doing the same work.
 */
class GrpcJavaFraudServiceTest {

  @Test
  @DisplayName("the grpc-java server gives the Vert.x service's answers, malformed calls included")
  void answersAsTheVertxServiceDoes() throws Exception {
    List<Call> calls = new ArrayList<>(Conversation.everyRule());
    calls.addAll(Conversation.longStream(2_000));

    assertSameAnswersFromBothServers(Optional.of(Conversation.serviceToken()), calls);
  }

  @Test
  @DisplayName("the grpc-java server refuses a call without a token as the Vert.x service does: UNAUTHENTICATED")
  void refusesACallWithoutATokenAsTheVertxServiceDoes() throws Exception {
    List<Answer> answers = assertSameAnswersFromBothServers(Optional.empty(), Conversation.oneOfEach());

    assertThat(answers).extracting(answer -> ((Answer.Failure) answer).code()).containsOnly(Conversation.UNAUTHENTICATED);
  }

  @Test
  @DisplayName("the grpc-java server refuses a forged token as the Vert.x service does: UNAUTHENTICATED")
  void refusesAForgedTokenAsTheVertxServiceDoes() throws Exception {
    String forged = TestTokens.rsa().token("service-orders", List.of(TestTokens.INTERNAL), Duration.ofHours(1));

    List<Answer> answers = assertSameAnswersFromBothServers(Optional.of(forged), Conversation.oneOfEach());

    assertThat(answers).extracting(answer -> ((Answer.Failure) answer).code()).containsOnly(Conversation.UNAUTHENTICATED);
  }

  @Test
  @DisplayName("the grpc-java server refuses a token without the internal grant as the Vert.x service does: PERMISSION_DENIED")
  void refusesATokenWithoutTheGrantAsTheVertxServiceDoes() throws Exception {
    List<Answer> answers = assertSameAnswersFromBothServers(Optional.of(Conversation.customerToken()), Conversation.oneOfEach());

    assertThat(answers).extracting(answer -> ((Answer.Failure) answer).code()).containsOnly(Conversation.PERMISSION_DENIED);
  }

  /** Asserts that both servers answer {@code calls} alike with {@code token}; returns the Vert.x service's answers. */
  private static List<Answer> assertSameAnswersFromBothServers(Optional<String> token, List<Call> calls) throws Exception {
    List<Answer> fromGrpcJava = converseWithGrpcJavaServer(token, calls);
    List<Answer> fromVertx;
    try (FraudServer server = FraudServer.start()) {
      fromVertx = new GrpcJavaCaller().converse(server.grpcPort(), token, calls);
    }

    assertThat(fromGrpcJava).hasSize(fromVertx.size());
    for (int i = 0; i < fromVertx.size(); i++) {
      assertThat(fromGrpcJava.get(i).sameAs(fromVertx.get(i)))
          .as("answer #%d: %s, the Vert.x service said %s", i, fromGrpcJava.get(i), fromVertx.get(i))
          .isTrue();
    }
    return fromVertx;
  }

  /** The calls made to a grpc-java server set up as the benchmark's, trusting {@link TestTokens#DEFAULT}. */
  private static List<Answer> converseWithGrpcJavaServer(Optional<String> token, List<Call> calls) throws Exception {
    Vertx vertx = Vertx.vertx();
    AuthGuard auth = AuthGuard.create(vertx, AuthSettings.from(ConfigLoader.load(TestTokens.env())));
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .directExecutor()
        .addService(ServerInterceptors.intercept(new GrpcJavaFraudService(FraudServer.freshRules()), new GrpcJavaCallGuard(auth)))
        .build()
        .start();
    try {
      return new GrpcJavaCaller().converse(server.getPort(), token, calls);
    } finally {
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      auth.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
