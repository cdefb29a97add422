package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.systemtests.EventAudit.Effects;
import dev.vertxshop.systemtests.EventAudit.OutboxEvent;
import dev.vertxshop.systemtests.EventAudit.SentEmail;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The promise of the order events, checked across every schema and the SMTP server: each settled
 * order has exactly one event, published, and each consumer applied it exactly once — inventory
 * committed a confirmed order's reservation, notifications mailed the customer, analytics counted
 * it — and nothing was applied for anything else.
 */
final class EventInvariants {

  private EventInvariants() {}

  /**
   * Waits until every order is settled, every event published and applied by every consumer, and
   * every consumer group has nothing left to take (lag 0 on the topic and on its retry topic).
   */
  static void awaitEveryEventApplied(EventShop shop, Duration within) {
    await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> {
          assertThat(shop.audit().unfinishedOrders()).as("orders not settled yet").isZero();
          List<String> missing = EventAudit.missingEffects(shop.events().effects(), shop.mailsByOrder());
          assertThat(missing).as("events without their effects (%d)", missing.size()).isEmpty();
          assertThat(shop.consumersCaughtUp()).as("every consumer group has lag 0").isTrue();
        });
  }

  /** {@link #assertEveryEventAppliedOnce(EventShop, Set)} with no second mail allowed. */
  static void assertEveryEventAppliedOnce(EventShop shop) {
    assertEveryEventAppliedOnce(shop, Set.of());
  }

  /**
   * Asserts the promise.
   *
   * @param mayBeMailedTwice orders whose mail may have gone out twice: notifications died after the
   *     SMTP server took the mail and before it recorded it (its documented at-least-once window)
   */
  static void assertEveryEventAppliedOnce(EventShop shop, Set<String> mayBeMailedTwice) {
    EventAudit audit = shop.events();
    Effects effects = audit.effects();
    Map<String, Long> mails = shop.mailsByOrder();
    Map<String, String> settled = effects.settledOrders();
    Set<String> confirmed = settled.entrySet().stream().filter(e -> e.getValue().equals("CONFIRMED"))
        .map(Map.Entry::getKey).collect(Collectors.toSet());

    // orders: one event per settled order, of the type its status says, and all published.
    assertThat(effects.outboxByOrder().keySet()).as("orders with an event = settled orders").isEqualTo(settled.keySet());
    settled.forEach((orderId, status) -> {
      List<OutboxEvent> events = effects.outboxByOrder().get(orderId);
      assertThat(events).as("events of order %s", orderId).hasSize(1);
      assertThat(events.get(0).type()).as("event type of %s order %s", status, orderId)
          .isEqualTo(status.equals("CONFIRMED") ? "order.completed" : "order.cancelled");
    });
    assertThat(audit.pendingOutboxEvents()).as("events waiting in the outbox").isZero();
    Set<String> allEvents = new HashSet<>();
    Set<String> completedEvents = new HashSet<>();
    settled.forEach((orderId, status) -> {
      String eventId = effects.eventOf(orderId);
      allEvents.add(eventId);
      if (status.equals("CONFIRMED")) {
        completedEvents.add(eventId);
      }
    });

    // inventory: each confirmed order's reservation committed once; nothing else committed.
    assertThat(effects.inventoryProcessed()).as("events inventory applied = order.completed events").isEqualTo(completedEvents);
    Set<String> committed = effects.reservations().entrySet().stream().filter(e -> e.getValue().equals("COMMITTED"))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(committed).as("committed reservations = confirmed orders").isEqualTo(confirmed);
    assertThat(audit.productsWithWrongReservedCount()).as("products whose reserved count is off").isZero();
    assertThat(audit.shop().negativeStock()).as("products with negative stock").isZero();

    // notifications: one recorded mail per event, of the right kind; the SMTP server got each once.
    assertThat(effects.sentEmailsByEvent().keySet()).as("events notifications recorded a mail for = all events").isEqualTo(allEvents);
    settled.forEach((orderId, status) -> {
      List<SentEmail> sent = effects.sentEmailsByEvent().get(effects.eventOf(orderId));
      assertThat(sent).as("recorded mails of order %s", orderId).hasSize(1);
      assertThat(sent.get(0).orderId()).isEqualTo(orderId);
      assertThat(sent.get(0).kind()).as("mail kind of %s order %s", status, orderId)
          .isEqualTo(status.equals("CONFIRMED") ? "CONFIRMATION" : "CANCELLATION");
    });
    assertThat(mails.keySet()).as("orders the SMTP server received mails about = settled orders").isEqualTo(settled.keySet());
    mails.forEach((orderId, count) -> assertThat(count).as("mails about order %s", orderId)
        .isBetween(1L, mayBeMailedTwice.contains(orderId) ? 2L : 1L));

    // analytics: each event counted once.
    assertThat(effects.analyticsProcessed()).as("events analytics counted = all events").isEqualTo(allEvents);
    Map<String, Long> totals = audit.analyticsTotals();
    assertThat(totals.get("ordersCompleted")).as("analytics' completed orders").isEqualTo(confirmed.size());
    assertThat(totals.get("ordersCancelled")).as("analytics' cancelled orders").isEqualTo(settled.size() - confirmed.size());
    assertThat(totals.get("revenueCents")).as("analytics' revenue").isEqualTo(audit.confirmedRevenueCents());
  }
}
