package dev.vertxshop.orders.application;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What one relay pass did with the events it claimed.
 *
 * @param claimed how many events it claimed
 * @param published the ids of the events the broker acknowledged
 * @param publishedAt when they were acknowledged
 * @param failure why an event was not published, or null when every claimed event was
 */
public record RelayedBatch(int claimed, List<UUID> published, Instant publishedAt, Throwable failure) {

  public RelayedBatch {
    published = List.copyOf(published);
    Objects.requireNonNull(publishedAt, "publishedAt");
    if (claimed < published.size()) {
      throw new IllegalArgumentException(published.size() + " events published of " + claimed + " claimed");
    }
    if (failure == null && published.size() < claimed) {
      throw new IllegalArgumentException("a pass that published " + published.size() + " of " + claimed + " events failed");
    }
  }

  public boolean failed() {
    return failure != null;
  }
}
