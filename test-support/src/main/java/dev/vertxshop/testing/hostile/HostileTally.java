package dev.vertxshop.testing.hostile;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the hostile inputs sent per endpoint and prints them, one line per endpoint and a total,
 * as {@code hostile inputs tried: N}, with the answers' statuses; jqwik's own report shows the tries
 * per property too.
 */
public final class HostileTally {

  private final String service;
  private final Map<String, Integer> tries = new TreeMap<>();
  private final Map<Integer, Integer> statuses = new TreeMap<>();

  public HostileTally(String service) {
    this.service = service;
  }

  public synchronized void tried(String endpoint) {
    tries.merge(endpoint, 1, Integer::sum);
  }

  /** Counts an answer's status, for the summary. */
  public synchronized void answered(int status) {
    statuses.merge(status, 1, Integer::sum);
  }

  public synchronized int total() {
    return tries.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Prints the counts so far. */
  public synchronized void print() {
    tries.forEach((endpoint, n) -> System.out.println(service + " " + endpoint + ": hostile inputs tried: " + n));
    System.out.println(service + " (all endpoints): hostile inputs tried: " + total() + ", answers by status: " + statuses);
  }
}
