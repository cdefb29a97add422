package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.TransactionRequest;
import java.util.List;

/** One RPC of a conversation with the fraud service, made the same way by every client. */
sealed interface Call {

  /** A CheckTransaction call. */
  record Check(TransactionRequest request) implements Call {}

  /** A BatchCheck stream carrying {@code requests} in order, then half-closed. */
  record Batch(List<TransactionRequest> requests) implements Call {

    public Batch {
      requests = List.copyOf(requests);
    }
  }
}
