package dev.vertxshop.fraud.domain;

import java.util.Arrays;

/**
 * One user's recent transactions: a sliding velocity window and the countries seen recently. Kept in
 * primitive arrays that start small and grow to their limit, so a quiet user costs a few hundred bytes
 * and a check allocates nothing. Not thread-safe: {@link FraudRules} holds the lock of the user's
 * stripe while it calls {@link #record}.
 */
final class UserActivity {

  /** Distinct recent countries kept per user; beyond it the least recently seen one is replaced. */
  static final int MAX_COUNTRIES = 8;

  private static final int INITIAL_EVENTS = 4;
  private static final int INITIAL_COUNTRIES = 2;

  // Velocity entries as a ring, oldest at head. An entry is usually one transaction; when the ring is
  // full at its limit the two oldest are merged, which keeps the window totals exact.
  private long[] times = new long[INITIAL_EVENTS];
  private long[] amounts = new long[INITIAL_EVENTS];
  private int[] counts = new int[INITIAL_EVENTS];
  private int head;
  private int size;
  // Sums of the entries above, each entry capped at the first value above the limit: enough to decide
  // the rules and never able to overflow.
  private long windowCount;
  private long windowAmount;

  private int[] countries = new int[INITIAL_COUNTRIES];
  private long[] countrySeen = new long[INITIAL_COUNTRIES];
  private int countryCount;

  // Time as this user has seen it: a clock that steps back never reorders the window.
  private long latest = Long.MIN_VALUE;

  /**
   * Adds a transaction at {@code now} and says which history rules it fires, as {@link Rule#bit()}s of
   * {@link Rule#VELOCITY_COUNT}, {@link Rule#VELOCITY_AMOUNT} and {@link Rule#COUNTRY_CHANGE}.
   */
  int record(long now, long amountCents, String countryCode, HistoryLimits limits) {
    long time = Math.max(now, latest);
    latest = time;
    int fired = recordVelocity(time, amountCents, limits);
    if (recordCountry(time, countryKey(countryCode), limits.countryWindowMillis())) {
      fired |= Rule.COUNTRY_CHANGE.bit();
    }
    return fired;
  }

  private int recordVelocity(long time, long amountCents, HistoryLimits limits) {
    long horizon = time - limits.velocityWindowMillis();
    while (size > 0 && times[head] <= horizon) {
      windowCount -= counts[head];
      windowAmount -= amounts[head];
      head = next(head);
      size--;
    }
    int count = 1;
    long amount = Math.min(amountCents, limits.amountCap());
    if (size >= limits.maxEvents()) {
      if (size == 1) {
        // Room for one entry only: the new transaction absorbs the old one.
        count = Math.min(count + counts[head], limits.countCap());
        amount = Math.min(amount + amounts[head], limits.amountCap());
        windowCount -= counts[head];
        windowAmount -= amounts[head];
        head = next(head);
        size--;
      } else {
        mergeOldestTwo(limits);
      }
    } else if (size == times.length) {
      grow(Math.min(size * 2, limits.maxEvents()));
    }
    int tail = (head + size) % times.length;
    times[tail] = time;
    amounts[tail] = amount;
    counts[tail] = count;
    size++;
    windowCount += count;
    windowAmount += amount;

    int fired = 0;
    if (windowCount >= limits.countCap()) {
      fired |= Rule.VELOCITY_COUNT.bit();
    }
    if (windowAmount >= limits.amountCap()) {
      fired |= Rule.VELOCITY_AMOUNT.bit();
    }
    return fired;
  }

  private void mergeOldestTwo(HistoryLimits limits) {
    int second = next(head);
    int mergedCount = (int) Math.min((long) counts[head] + counts[second], limits.countCap());
    long mergedAmount = Math.min(amounts[head] + amounts[second], limits.amountCap());
    windowCount += mergedCount - (long) counts[head] - counts[second];
    windowAmount += mergedAmount - amounts[head] - amounts[second];
    // The merged entry keeps the younger time: it leaves the window a little late, never early.
    counts[second] = mergedCount;
    amounts[second] = mergedAmount;
    head = second;
    size--;
  }

  private void grow(int capacity) {
    long[] newTimes = new long[capacity];
    long[] newAmounts = new long[capacity];
    int[] newCounts = new int[capacity];
    for (int i = 0; i < size; i++) {
      int from = (head + i) % times.length;
      newTimes[i] = times[from];
      newAmounts[i] = amounts[from];
      newCounts[i] = counts[from];
    }
    times = newTimes;
    amounts = newAmounts;
    counts = newCounts;
    head = 0;
  }

  private int next(int index) {
    int next = index + 1;
    return next == times.length ? 0 : next;
  }

  /** Records the country; true when the user has recent countries and this is not one of them. */
  private boolean recordCountry(long time, int country, long windowMillis) {
    long horizon = time - windowMillis;
    boolean recent = false;
    boolean known = false;
    // Backwards, so that moving the last entry into a removed slot never skips one.
    for (int i = countryCount - 1; i >= 0; i--) {
      if (countrySeen[i] <= horizon) {
        countryCount--;
        countries[i] = countries[countryCount];
        countrySeen[i] = countrySeen[countryCount];
      } else {
        recent = true;
        if (countries[i] == country) {
          known = true;
          countrySeen[i] = time;
        }
      }
    }
    if (!known) {
      addCountry(country, time);
    }
    return recent && !known;
  }

  private void addCountry(int country, long time) {
    if (countryCount == countries.length) {
      if (countryCount < MAX_COUNTRIES) {
        int capacity = Math.min(countryCount * 2, MAX_COUNTRIES);
        countries = Arrays.copyOf(countries, capacity);
        countrySeen = Arrays.copyOf(countrySeen, capacity);
      } else {
        int oldest = 0;
        for (int i = 1; i < countryCount; i++) {
          if (countrySeen[i] < countrySeen[oldest]) {
            oldest = i;
          }
        }
        countries[oldest] = country;
        countrySeen[oldest] = time;
        return;
      }
    }
    countries[countryCount] = country;
    countrySeen[countryCount] = time;
    countryCount++;
  }

  private static int countryKey(String countryCode) {
    return countryCode.charAt(0) << 8 | countryCode.charAt(1);
  }
}
