package dev.vertxshop.grpcinterop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.fraud.domain.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fraud service answers any gRPC client alike: the Vert.x client, stock grpc-java and Node.js
 * with {@code @grpc/grpc-js} make the same calls to a fresh server each and must get the answers the
 * fraud rules give, to the transaction id, flag, reason and score (within 1e-6), and the same error
 * status and message for a malformed call. Every client calls as a service does, with a service token
 * in the {@code authorization} metadata; without one, or with a customer's token, each sees the
 * refusal's status and message.
 */
class FraudInteropTest {

  private static final String NEGATIVE_AMOUNT = "amount_cents must not be negative (was -5)";
  private static final String MALFORMED_COUNTRY =
      "country_code must be two upper-case letters (ISO 3166-1 alpha-2, e.g. DE), was 'Ü1'";

  static Stream<Arguments> clients() {
    return Stream.of(new VertxCaller(), new GrpcJavaCaller(), new NodeCaller())
        .map(client -> Arguments.of(Named.of(client.name(), client)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  @DisplayName("every rule, both RPCs and malformed calls: the answers the fraud rules give")
  void answersEveryCallAsTheFraudRulesDo(FraudCaller client) throws Exception {
    List<Call> calls = Conversation.everyRule();
    List<Answer> expected = Conversation.expected(FraudServer.freshRules(), calls);

    List<Answer> answers;
    try (FraudServer server = FraudServer.start()) {
      answers = client.converse(server.grpcPort(), calls);
    }

    assertSameAnswers(answers, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  @DisplayName("a malformed CheckTransaction fails with INVALID_ARGUMENT and says why, non-ASCII included")
  void rejectsAMalformedCheckWithInvalidArgumentAndItsReason(FraudCaller client) throws Exception {
    List<Call> calls = List.of(
        new Call.Check(Conversation.request("negative", "alice", -5, "coffee-roaster", "DE")),
        new Call.Check(Conversation.request("country", "alice", 100, "coffee-roaster", "Ü1")),
        new Call.Check(Conversation.request("fine", "alice", 100, "coffee-roaster", "DE")));

    List<Answer> answers;
    try (FraudServer server = FraudServer.start()) {
      answers = client.converse(server.grpcPort(), calls);
    }

    assertThat(answers).hasSize(3);
    assertThat(answers.get(0)).isEqualTo(new Answer.Failure("CheckTransaction", Conversation.INVALID_ARGUMENT, NEGATIVE_AMOUNT));
    assertThat(answers.get(1)).isEqualTo(new Answer.Failure("CheckTransaction", Conversation.INVALID_ARGUMENT, MALFORMED_COUNTRY));
    assertThat(answers.get(2)).isEqualTo(new Answer.Result("CheckTransaction", "fine", false, 0.0, "NONE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  @DisplayName("a malformed BatchCheck item is answered INVALID_REQUEST and the stream goes on")
  void answersAMalformedStreamItemWithInvalidRequestAndGoesOn(FraudCaller client) throws Exception {
    List<Call> calls = List.of(new Call.Batch(List.of(
        Conversation.request("first", "frank", 100, "grocer", "DE"),
        Conversation.request("", "frank", 100, "grocer", "DE"),
        Conversation.request("negative", "frank", -1, "grocer", "DE"),
        Conversation.request("lower-case", "frank", 100, "grocer", "de"),
        Conversation.request("last", "frank", 100, Conversation.BLOCKED_MERCHANT, "DE"))));

    List<Answer> answers;
    try (FraudServer server = FraudServer.start()) {
      answers = client.converse(server.grpcPort(), calls);
    }

    assertThat(answers).containsExactly(
        new Answer.Result("BatchCheck", "first", false, 0.0, "NONE"),
        new Answer.Result("BatchCheck", "", false, 0.0, "INVALID_REQUEST"),
        new Answer.Result("BatchCheck", "negative", false, 0.0, "INVALID_REQUEST"),
        new Answer.Result("BatchCheck", "lower-case", false, 0.0, "INVALID_REQUEST"),
        new Answer.Result("BatchCheck", "last", true, 1.0, "BLOCKED_MERCHANT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  @DisplayName("a BatchCheck of 5,000 items, beyond the flow-control windows: every answer, in order")
  void answersALongStreamInOrder(FraudCaller client) throws Exception {
    List<Call> calls = Conversation.longStream(5_000);
    List<Answer> expected = Conversation.expected(FraudServer.freshRules(), calls);

    List<Answer> answers;
    try (FraudServer server = FraudServer.start()) {
      answers = client.converse(server.grpcPort(), calls);
    }

    assertThat(answers).hasSize(5_000);
    assertSameAnswers(answers, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  @DisplayName("calls without a token are refused UNAUTHENTICATED, and the client sees why")
  void refusesCallsWithoutATokenAsUnauthenticated(FraudCaller client) throws Exception {
    List<Call> calls = Conversation.oneOfEach();

    List<Answer> answers;
    try (FraudServer server = FraudServer.start()) {
      answers = client.converse(server.grpcPort(), Optional.empty(), calls);
    }

    assertThat(answers).containsExactly(
        new Answer.Failure("CheckTransaction", Conversation.UNAUTHENTICATED, Conversation.NO_VALID_TOKEN),
        new Answer.Failure("BatchCheck", Conversation.UNAUTHENTICATED, Conversation.NO_VALID_TOKEN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  @DisplayName("calls with a customer's token, valid but without the internal grant, are refused PERMISSION_DENIED")
  void refusesCallsWithoutTheInternalGrantAsPermissionDenied(FraudCaller client) throws Exception {
    List<Call> calls = Conversation.oneOfEach();

    List<Answer> answers;
    try (FraudServer server = FraudServer.start()) {
      answers = client.converse(server.grpcPort(), Optional.of(Conversation.customerToken()), calls);
    }

    assertThat(answers).containsExactly(
        new Answer.Failure("CheckTransaction", Conversation.PERMISSION_DENIED, Conversation.MISSING_GRANT),
        new Answer.Failure("BatchCheck", Conversation.PERMISSION_DENIED, Conversation.MISSING_GRANT));
  }

  @Test
  @DisplayName("the three clients get the same answers for the same calls")
  void everyClientGetsTheSameAnswers() throws Exception {
    List<Call> calls = Conversation.everyRule();
    List<List<Answer>> answersByClient = new ArrayList<>();
    for (FraudCaller client : List.of(new VertxCaller(), new GrpcJavaCaller(), new NodeCaller())) {
      try (FraudServer server = FraudServer.start()) {
        answersByClient.add(client.converse(server.grpcPort(), calls));
      }
    }

    assertSameAnswers(answersByClient.get(1), answersByClient.get(0));
    assertSameAnswers(answersByClient.get(2), answersByClient.get(0));
  }

  @Test
  @DisplayName("the conversation covers every rule, fraud, INVALID_REQUEST and INVALID_ARGUMENT")
  void theConversationCoversEveryKindOfAnswer() {
    List<Answer> expected = Conversation.expected(FraudServer.freshRules(), Conversation.everyRule());

    List<String> reasons = expected.stream()
        .filter(Answer.Result.class::isInstance)
        .map(answer -> ((Answer.Result) answer).reasonCode())
        .distinct()
        .toList();
    List<String> everyReason = Stream.concat(Arrays.stream(Rule.values()).map(Rule::name), Stream.of("NONE", "INVALID_REQUEST"))
        .toList();
    assertThat(reasons).containsExactlyInAnyOrderElementsOf(everyReason);
    assertThat(expected).anyMatch(answer -> answer instanceof Answer.Result result && result.fraud());
    assertThat(expected).filteredOn(Answer.Failure.class::isInstance)
        .extracting(answer -> ((Answer.Failure) answer).message())
        .containsExactly(NEGATIVE_AMOUNT, "transaction_id is required (was blank)", MALFORMED_COUNTRY);
  }

  /** Same length, and each answer the same as the expected one at its place. */
  private static void assertSameAnswers(List<Answer> answers, List<Answer> expected) {
    assertThat(answers).hasSameSizeAs(expected);
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (!answers.get(i).sameAs(expected.get(i))) {
        differences.add("#" + i + ": got " + answers.get(i) + ", expected " + expected.get(i));
      }
    }
    assertThat(differences).as("answers that differ").isEmpty();
  }
}
