package dev.vertxshop.orders.application;

import java.util.ArrayList;
import java.util.List;

/** The calls made to the fake services, in order, shared so that their interleaving is visible. */
final class CallLog {

  private final List<String> calls = new ArrayList<>();

  synchronized void add(String call) {
    calls.add(call);
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }
}
