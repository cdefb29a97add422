package dev.vertxshop.fraud.adapter.in.grpc;

import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.FraudConfig;
import dev.vertxshop.fraud.FraudVerticle;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A fraud service deployed on free ports for one test. */
final class TestFraudServer {

  final FraudVerticle verticle;
  final SocketAddress address;

  private TestFraudServer(FraudVerticle verticle) {
    this.verticle = verticle;
    this.address = SocketAddress.inetSocketAddress(verticle.grpcPort(), "127.0.0.1");
  }

  static TestFraudServer deploy(Vertx vertx) throws Exception {
    return deploy(vertx, UnaryOperator.identity());
  }

  /** Deploys with the default configuration changed by {@code settings}, on free ports. */
  static TestFraudServer deploy(Vertx vertx, UnaryOperator<Settings> settings) throws Exception {
    return deploy(vertx, TestTokens.env(), settings);
  }

  /** Deploys with the configuration of the environment {@code env} changed by {@code settings}, on free ports. */
  static TestFraudServer deploy(Vertx vertx, Map<String, String> env, UnaryOperator<Settings> settings) throws Exception {
    Settings base = ConfigLoader.load(env).with("fraud.http.port", 0).with("fraud.grpc.port", 0);
    FraudVerticle verticle = new FraudVerticle(FraudConfig.from(settings.apply(base)));
    vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
    return new TestFraudServer(verticle);
  }

  static TransactionRequest request(String transactionId, String userId, long amountCents) {
    return TransactionRequest.newBuilder()
        .setTransactionId(transactionId)
        .setUserId(userId)
        .setAmountCents(amountCents)
        .setMerchantId("shop-1")
        .setCountryCode("DE")
        .build();
  }
}
