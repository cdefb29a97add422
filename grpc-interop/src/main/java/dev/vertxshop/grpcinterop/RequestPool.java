package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.TransactionRequest;
import java.util.SplittableRandom;

/**
 * Requests built before a load starts, so that the load measures the servers and not the client
 * building messages. Each pool has its own transaction id prefix; ids repeat only after {@link
 * #size()} requests, far more than a stream ever has in flight.
 */
final class RequestPool {

  private static final String[] COUNTRIES = {"DE", "FR", "NL", "IT", "ES", "PL", "SE", "AT", "BE", "PT"};

  private final TransactionRequest[] requests;
  private final int mask;

  private RequestPool(TransactionRequest[] requests) {
    this.requests = requests;
    this.mask = requests.length - 1;
  }

  /**
   * A realistic mix: users drawn from {@code users} (each with a home country that 2% of their
   * payments leave), amounts mostly between 5 and 200 euros with 1% large ones, 200 merchants.
   *
   * @param sizeLog2 the pool holds 2^sizeLog2 requests
   */
  static RequestPool generate(String idPrefix, int sizeLog2, int users, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TransactionRequest[] requests = new TransactionRequest[1 << sizeLog2];
    for (int i = 0; i < requests.length; i++) {
      int user = random.nextInt(users);
      boolean abroad = random.nextInt(100) < 2;
      String country = COUNTRIES[abroad ? random.nextInt(COUNTRIES.length) : user % COUNTRIES.length];
      long amount = random.nextInt(100) == 0 ? 200_000 + random.nextInt(800_000) : 500 + random.nextInt(19_500);
      requests[i] = TransactionRequest.newBuilder()
          .setTransactionId(idPrefix + i)
          .setUserId("user-" + user)
          .setAmountCents(amount)
          .setMerchantId("merchant-" + random.nextInt(200))
          .setCountryCode(country)
          .build();
    }
    return new RequestPool(requests);
  }

  /** The request for the n-th message sent, cycling through the pool. */
  TransactionRequest get(long n) {
    return requests[(int) (n & mask)];
  }

  int size() {
    return requests.length;
  }
}
