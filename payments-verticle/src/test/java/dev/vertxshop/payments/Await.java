package dev.vertxshop.payments;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future on the test thread (never an event loop), with a deadline. */
public final class Await {

  private static final long SECONDS = 30;

  private Await() {}

  public static <T> T await(Future<T> future) {
    try {
      return future.await(SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("No result within " + SECONDS + " s", e);
    }
  }
}
