package dev.vertxshop.grpcinterop;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's loads, briefly, against the Vert.x fraud service set up as the benchmark sets up
 * its servers (trusting a {@link BenchmarkIdentity}, on the benchmark's channels, each call with the
 * identity's service token): they measure answers, not failures.
 */
class FraudBenchmarkLoadTest {

  private static final Duration WARM_UP = Duration.ofSeconds(1);
  private static final Duration PERIOD = Duration.ofMillis(500);

  @Test
  @DisplayName("the BatchCheck load counts every answer of its streams, each matched to its request")
  void streamingLoadMeasuresMatchedAnswers() throws Exception {
    Measurement measured = measure(channels -> new StreamingLoad(channels, 64), 2);

    assertThat(measured.failures()).isZero();
    assertThat(measured.checks()).isPositive();
    assertThat(measured.millisAt(50)).isPositive();
  }

  @Test
  @DisplayName("the CheckTransaction load counts every answer of its concurrent calls")
  void unaryLoadMeasuresMatchedAnswers() throws Exception {
    Measurement measured = measure(channels -> new UnaryLoad(channels, 16), 2);

    assertThat(measured.failures()).isZero();
    assertThat(measured.checks()).isPositive();
    assertThat(measured.millisAt(50)).isPositive();
  }

  private interface LoadFactory {
    Load on(List<ManagedChannel> channels);
  }

  private static Measurement measure(LoadFactory factory, int connections) throws Exception {
    BenchmarkIdentity identity = BenchmarkIdentity.generate();
    try (FraudServer server = FraudServer.start(BenchmarkIdentity.trustOnly(identity.trustEnvironment()))) {
      List<ManagedChannel> channels = FraudBenchmark.connect(server.grpcPort(), connections, identity.serviceToken());
      try {
        Load load = factory.on(channels);
        load.start();
        load.measure(WARM_UP, ProcessHandle.current().pid());
        Measurement measured = load.measure(PERIOD, ProcessHandle.current().pid());
        load.stop(Duration.ofSeconds(5));
        return measured;
      } finally {
        for (ManagedChannel channel : channels) {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }
}
