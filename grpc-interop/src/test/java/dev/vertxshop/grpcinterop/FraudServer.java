package dev.vertxshop.grpcinterop;

import dev.vertxshop.fraud.FraudConfig;
import dev.vertxshop.fraud.FraudVerticle;
import dev.vertxshop.fraud.domain.FraudRules;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fraud service as it runs in the shop: a {@link FraudVerticle} on free ports, in this JVM,
 * with {@value Conversation#BLOCKED_MERCHANT} on its block list and otherwise the default rules,
 * trusting the tokens of {@link TestTokens#DEFAULT} unless told otherwise. Each instance starts with
 * no history.
 */
final class FraudServer implements AutoCloseable {

  private final Vertx vertx;
  private final FraudVerticle verticle;

  private FraudServer(Vertx vertx, FraudVerticle verticle) {
    this.vertx = vertx;
    this.verticle = verticle;
  }

  static FraudConfig config() {
    return config(TestTokens.env());
  }

  /** The configuration of a server trusting the identity provider that {@code trustEnvironment} names. */
  static FraudConfig config(Map<String, String> trustEnvironment) {
    Settings settings = ConfigLoader.load(trustEnvironment)
        .with("fraud.grpc.port", 0)
        .with("fraud.http.port", 0)
        .with("fraud.rules.blocked-merchants.ids", Conversation.BLOCKED_MERCHANT);
    return FraudConfig.from(settings);
  }

  static FraudServer start() throws Exception {
    return start(TestTokens.env());
  }

  /** A server trusting the identity provider that {@code trustEnvironment} names ({@code AUTH_JWT_*} variables). */
  static FraudServer start(Map<String, String> trustEnvironment) throws Exception {
    Vertx vertx = Vertx.vertx();
    FraudVerticle verticle = new FraudVerticle(config(trustEnvironment));
    try {
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    return new FraudServer(vertx, verticle);
  }

  int grpcPort() {
    return verticle.grpcPort();
  }

  /** Rules with the server's settings and no history: what the server was before any call. */
  static FraudRules freshRules() {
    return new FraudRules(config().rules(), Clock.systemUTC());
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
