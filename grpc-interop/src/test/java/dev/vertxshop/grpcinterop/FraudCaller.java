package dev.vertxshop.grpcinterop;

import java.util.List;
import java.util.Optional;

/** A gRPC client stack that can hold a conversation with the fraud service. */
interface FraudCaller {

  /** How the tests name this client. */
  String name();

  /**
   * Makes the calls as a service does: each with {@code authorization: Bearer <token>} metadata, the
   * token a service token of the provider the test servers trust ({@link Conversation#serviceToken()}).
   */
  default List<Answer> converse(int port, List<Call> calls) throws Exception {
    return converse(port, Optional.of(Conversation.serviceToken()), calls);
  }

  /**
   * Makes the calls one after another on one connection to 127.0.0.1:{@code port}, each when the
   * one before has ended, and returns every answer in order.
   *
   * @param token the bearer token every call carries in its {@code authorization} metadata; empty for
   *     calls without a credential
   */
  List<Answer> converse(int port, Optional<String> token, List<Call> calls) throws Exception;
}
