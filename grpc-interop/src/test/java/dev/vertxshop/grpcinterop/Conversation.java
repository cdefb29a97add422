package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.adapter.in.grpc.FraudMessages;
import dev.vertxshop.fraud.domain.FraudRules;
import dev.vertxshop.fraud.domain.InvalidTransactionException;
import dev.vertxshop.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The calls the interop tests make, and the answers the fraud rules give to them. Built for the
 * default rules with merchant {@value #BLOCKED_MERCHANT} on the block list: every rule fires at
 * least once, some verdicts are fraud, and malformed requests come both alone and inside streams.
 * Also the answers to calls the service refuses for their credential.
 */
final class Conversation {

  static final String BLOCKED_MERCHANT = "merchant-blocked";
  static final int INVALID_ARGUMENT = 3;
  static final int PERMISSION_DENIED = 7;
  static final int UNAUTHENTICATED = 16;
  /** What the fraud service says to a call without a usable token, whatever was wrong with it. */
  static final String NO_VALID_TOKEN = "a valid bearer token is required in the authorization metadata";
  /** What it says to a valid token without the internal grant. */
  static final String MISSING_GRANT = "this call needs a grant the token does not carry";

  private Conversation() {}

  /** A service's token ({@code shop:internal}) of the provider the test servers trust, {@link TestTokens#DEFAULT}. */
  static String serviceToken() {
    return TestTokens.internal();
  }

  /** A customer's token of the same provider: valid, but without the internal grant. */
  static String customerToken() {
    return TestTokens.customer("alice");
  }

  static TransactionRequest request(String id, String user, long cents, String merchant, String country) {
    return TransactionRequest.newBuilder()
        .setTransactionId(id)
        .setUserId(user)
        .setAmountCents(cents)
        .setMerchantId(merchant)
        .setCountryCode(country)
        .build();
  }

  /** Every kind of answer, in a few calls of each RPC. */
  static List<Call> everyRule() {
    List<Call> calls = new ArrayList<>();
    calls.add(new Call.Check(request("check-ok", "alice", 2_490, "coffee-roaster", "DE")));
    calls.add(new Call.Check(request("check-high", "bob", 150_000, "bike-shop", "FR")));
    calls.add(new Call.Check(request("check-very-high", "carol", 2_500_000, "jeweller", "IT")));
    calls.add(new Call.Check(request("check-blocked", "dave", 1_000, BLOCKED_MERCHANT, "NL")));
    calls.add(new Call.Check(request("check-negative", "alice", -5, "coffee-roaster", "DE")));
    calls.add(new Call.Check(request("", "alice", 100, "coffee-roaster", "DE")));
    // Not ASCII: the status message must survive grpc-message's percent-encoding in every stack.
    calls.add(new Call.Check(request("check-country", "alice", 100, "coffee-roaster", "Ü1")));

    List<TransactionRequest> burst = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      burst.add(request("erin-" + i, "erin", 1_000, "grocer", "DE"));
      if (i == 6) {
        burst.add(request("", "erin", 1_000, "grocer", "DE"));
        burst.add(request("erin-negative", "erin", -1, "grocer", "DE"));
        burst.add(request("erin-lower-case", "erin", 1_000, "grocer", "de"));
      }
    }
    burst.add(request("erin-abroad", "erin", 1_000, "grocer", "ES"));
    burst.add(request("erin-abroad-blocked", "erin", 200_000, BLOCKED_MERCHANT, "ES"));
    // Below the high amount each, above the velocity amount together.
    for (int i = 1; i <= 6; i++) {
      burst.add(request("grace-" + i, "grace", 99_000, "furniture", "AT"));
    }
    calls.add(new Call.Batch(burst));
    // Alice was seen in DE by the first call: another country now is a change.
    calls.add(new Call.Check(request("check-alice-abroad", "alice", 2_490, "coffee-roaster", "PT")));
    return calls;
  }

  /** One call of each RPC, well-formed: what a refused credential must stop, whatever the request. */
  static List<Call> oneOfEach() {
    return List.of(
        new Call.Check(request("refused-check", "alice", 2_490, "coffee-roaster", "DE")),
        new Call.Batch(List.of(
            request("refused-batch-1", "alice", 1_250, "coffee-roaster", "DE"),
            request("refused-batch-2", "alice", 990_000, BLOCKED_MERCHANT, "DE"))));
  }

  /** A stream long enough to fill flow-control windows on the way in and out. */
  static List<Call> longStream(int items) {
    SplittableRandom random = new SplittableRandom(42);
    String[] countries = {"DE", "FR", "NL", "IT"};
    List<TransactionRequest> requests = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      String user = "user-" + random.nextInt(items / 10);
      long cents = i % 97 == 0 ? -1 : random.nextInt(300_000);
      String merchant = i % 101 == 0 ? BLOCKED_MERCHANT : "merchant-" + random.nextInt(50);
      requests.add(request("long-" + i, user, cents, merchant, countries[random.nextInt(countries.length)]));
    }
    return List.of(new Call.Batch(requests));
  }

  /** The answers {@code rules} give to {@code calls}, as the fraud service should send them. */
  static List<Answer> expected(FraudRules rules, List<Call> calls) {
    List<Answer> answers = new ArrayList<>();
    for (Call call : calls) {
      if (call instanceof Call.Check check) {
        answers.add(expectedCheck(rules, check.request()));
      } else {
        for (TransactionRequest request : ((Call.Batch) call).requests()) {
          answers.add(expectedItem(rules, request));
        }
      }
    }
    return answers;
  }

  private static Answer expectedCheck(FraudRules rules, TransactionRequest request) {
    try {
      return Answer.Result.of("CheckTransaction", FraudMessages.result(rules.check(FraudMessages.transaction(request))));
    } catch (InvalidTransactionException e) {
      return new Answer.Failure("CheckTransaction", INVALID_ARGUMENT, e.getMessage());
    }
  }

  private static Answer expectedItem(FraudRules rules, TransactionRequest request) {
    try {
      return Answer.Result.of("BatchCheck", FraudMessages.result(rules.check(FraudMessages.transaction(request))));
    } catch (InvalidTransactionException e) {
      return Answer.Result.of("BatchCheck", FraudMessages.invalidRequest(request));
    }
  }
}
