package dev.vertxshop.payments.domain;

/**
 * An amount in cents. Never negative; arithmetic that would leave the range of a {@code long}
 * fails instead of wrapping around.
 */
public record Money(long cents) implements Comparable<Money> {

  public static final Money ZERO = new Money(0);

  public Money {
    if (cents < 0) {
      throw new IllegalArgumentException("An amount is never negative, got " + cents + " cents");
    }
  }

  public static Money ofCents(long cents) {
    return new Money(cents);
  }

  /** An amount that must be more than zero, such as the total an order is charged. */
  public static Money positive(long cents) {
    if (cents <= 0) {
      throw new IllegalArgumentException("An amount to charge is positive, got " + cents + " cents");
    }
    return new Money(cents);
  }

  public boolean isPositive() {
    return cents > 0;
  }

  public Money plus(Money other) {
    try {
      return new Money(Math.addExact(cents, other.cents));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("The sum of " + cents + " and " + other.cents + " cents is too large", e);
    }
  }

  /** {@code this - other}, which may be negative, hence a plain number of cents. */
  public long centsMinus(Money other) {
    return Math.subtractExact(cents, other.cents);
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(cents, other.cents);
  }

  @Override
  public String toString() {
    return cents + " cents";
  }
}
