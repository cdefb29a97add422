package dev.vertxshop.orders.application;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/** The answers a fake gives, in order: given ones, held ones the test completes later, then a default. */
final class Answers<T> {

  private final Deque<Supplier<Future<T>>> queued = new ArrayDeque<>();
  private Supplier<T> fallback;

  Answers(Supplier<T> fallback) {
    this.fallback = fallback;
  }

  /** Every call not otherwise answered gets {@code answer}. */
  synchronized Answers<T> always(T answer) {
    fallback = () -> answer;
    return this;
  }

  /** The next unanswered call gets {@code answer}. */
  synchronized Answers<T> then(T answer) {
    queued.add(() -> Future.succeededFuture(answer));
    return this;
  }

  /** The next unanswered call fails with {@code failure}. */
  synchronized Answers<T> thenFail(Throwable failure) {
    queued.add(() -> Future.failedFuture(failure));
    return this;
  }

  /** The next unanswered call waits until the test completes the returned promise. */
  synchronized Promise<T> hold() {
    Promise<T> promise = Promise.promise();
    queued.add(promise::future);
    return promise;
  }

  synchronized Future<T> next() {
    Supplier<Future<T>> answer = queued.poll();
    return answer != null ? answer.get() : Future.succeededFuture(fallback.get());
  }
}
