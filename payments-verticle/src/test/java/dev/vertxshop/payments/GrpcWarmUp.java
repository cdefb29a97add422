package dev.vertxshop.payments;

import static dev.vertxshop.payments.Await.await;

import dev.vertxshop.payments.adapter.out.grpc.GrpcFraudScreening;
import dev.vertxshop.payments.adapter.out.grpc.TransactionDefaults;
import dev.vertxshop.payments.application.FraudCheck;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import dev.vertxshop.platform.resilience.BreakerSettings;
import dev.vertxshop.platform.resilience.CircuitBreakers;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;

/**
 * Loads and runs the gRPC client and server code once per test JVM with a generous deadline, so
 * that the tests that measure a 200 ms deadline measure the deadline and not class loading.
 */
public final class GrpcWarmUp {

  private static boolean done;

  private GrpcWarmUp() {}

  public static synchronized void once(Vertx vertx) {
    if (done) {
      return;
    }
    try (StandInFraud fraud = StandInFraud.start(vertx)) {
      CircuitBreakers breakers = CircuitBreakers.create(vertx, BreakerSettings.DEFAULTS);
      GrpcFraudScreening screening = GrpcFraudScreening.create(vertx, "127.0.0.1", fraud.port(), Duration.ofSeconds(20),
          new TransactionDefaults("warm-up", "DE"), breakers.forService(GrpcFraudScreening.SERVICE), GrpcWarmUp::credential);
      for (int i = 0; i < 20; i++) {
        await(screening.screen(new FraudCheck(OrderId.of("warm-up-" + i), Money.positive(100), "424242", "4242", null, null)));
      }
      await(screening.close());
      breakers.close();
    }
    done = true;
  }

  private static Optional<String> credential() {
    return Optional.of(TestTokens.bearer(TestTokens.internal()));
  }
}
