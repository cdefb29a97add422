package dev.vertxshop.grpcinterop;

import java.util.List;

/** A gRPC client stack that can hold a conversation with the fraud service. */
interface FraudCaller {

  /** How the tests name this client. */
  String name();

  /**
   * Makes the calls one after another on one connection to 127.0.0.1:{@code port}, each when the
   * one before has ended, and returns every answer in order.
   */
  List<Answer> converse(int port, List<Call> calls) throws Exception;
}
