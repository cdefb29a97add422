package dev.vertxshop.fraud.adapter.in.grpc;

import static dev.vertxshop.fraud.adapter.in.grpc.TestFraudServer.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.ServiceFraudClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class CheckTransactionTest {

  private TestFraudServer server;
  private GrpcClient client;
  private ServiceFraudClient fraud;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    server = TestFraudServer.deploy(vertx, settings -> settings.with("fraud.rules.blocked-merchants.ids", "evil-shop, other"));
    client = GrpcClient.client(vertx);
    fraud = ServiceFraudClient.create(client, server.address);
  }

  @Test
  void answersAnOrdinaryTransactionWithNoRiskAndItsId() throws Exception {
    FraudCheckResult result = fraud.checkTransaction(request("tx-1", "alice", 4_980)).await(10, TimeUnit.SECONDS);

    assertThat(result.getTransactionId()).isEqualTo("tx-1");
    assertThat(result.getIsFraud()).isFalse();
    assertThat(result.getRiskScore()).isZero();
    assertThat(result.getReasonCode()).isEqualTo("NONE");
  }

  @Test
  void answersABlockedMerchantAsFraud() throws Exception {
    TransactionRequest request = request("tx-2", "alice", 100).toBuilder().setMerchantId("evil-shop").build();

    FraudCheckResult result = fraud.checkTransaction(request).await(10, TimeUnit.SECONDS);

    assertThat(result.getIsFraud()).isTrue();
    assertThat(result.getRiskScore()).isEqualTo(1f);
    assertThat(result.getReasonCode()).isEqualTo("BLOCKED_MERCHANT");
  }

  @Test
  void remembersEarlierCallsOfTheSameUser() throws Exception {
    for (int i = 0; i < 10; i++) {
      fraud.checkTransaction(request("tx-" + i, "bob", 100)).await(10, TimeUnit.SECONDS);
    }

    FraudCheckResult eleventh = fraud.checkTransaction(request("tx-10", "bob", 100)).await(10, TimeUnit.SECONDS);

    assertThat(eleventh.getReasonCode()).isEqualTo("VELOCITY_COUNT");
    assertThat(eleventh.getRiskScore()).isEqualTo(0.5f);
  }

  @Test
  void rejectsANegativeAmountWithInvalidArgumentNamingTheField() throws Exception {
    GrpcClientResponse<TransactionRequest, FraudCheckResult> response = call(request("tx-3", "alice", -1));

    assertThat(response.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(response.statusMessage()).isEqualTo("amount_cents must not be negative (was -1)");
  }

  @Test
  void rejectsAMissingTransactionIdWithInvalidArgument() throws Exception {
    GrpcClientResponse<TransactionRequest, FraudCheckResult> response =
        call(request("", "alice", 100));

    assertThat(response.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(response.statusMessage()).isEqualTo("transaction_id is required (was blank)");
  }

  @Test
  void rejectsAMalformedCountryWithInvalidArgument() throws Exception {
    GrpcClientResponse<TransactionRequest, FraudCheckResult> response =
        call(request("tx-4", "alice", 100).toBuilder().setCountryCode("germany").build());

    assertThat(response.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(response.statusMessage()).startsWith("country_code must be two upper-case letters");
  }

  @Test
  void failsTheGeneratedClientsCallWithInvalidArgument() {
    Future<FraudCheckResult> call = fraud.checkTransaction(request("tx-5", "", 100));

    assertThatThrownBy(() -> call.await(10, TimeUnit.SECONDS))
        .isInstanceOf(InvalidStatusException.class)
        .extracting(e -> ((InvalidStatusException) e).actualStatus()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  /** Calls CheckTransaction and returns the response once it has ended, whatever its status. */
  private GrpcClientResponse<TransactionRequest, FraudCheckResult> call(TransactionRequest request) throws Exception {
    return ServiceFraudClient.request(client, server.address, FraudDetectionGrpcClient.CheckTransaction)
        .compose(call -> call.end(request).compose(ignored -> call.response()))
        .compose(response -> response.end().transform(ignored -> Future.succeededFuture(response)))
        .await(10, TimeUnit.SECONDS);
  }
}
