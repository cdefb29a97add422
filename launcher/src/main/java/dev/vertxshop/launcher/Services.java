package dev.vertxshop.launcher;

import static dev.vertxshop.launcher.Infrastructure.KAFKA;
import static dev.vertxshop.launcher.Infrastructure.POSTGRESQL;
import static dev.vertxshop.launcher.Infrastructure.REDIS;
import static dev.vertxshop.launcher.Infrastructure.SMTP;

import dev.vertxshop.analytics.AnalyticsConfig;
import dev.vertxshop.analytics.AnalyticsVerticle;
import dev.vertxshop.fraud.FraudConfig;
import dev.vertxshop.fraud.FraudVerticle;
import dev.vertxshop.inventory.InventoryConfig;
import dev.vertxshop.inventory.InventoryVerticle;
import dev.vertxshop.notifications.NotificationsConfig;
import dev.vertxshop.notifications.NotificationsVerticle;
import dev.vertxshop.orders.OrdersConfig;
import dev.vertxshop.orders.OrdersVerticle;
import dev.vertxshop.payments.PaymentsConfig;
import dev.vertxshop.payments.PaymentsVerticle;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The services the launcher can run, in the order in which they are listed. */
public final class Services {

  public static final List<ServiceDefinition<?, ?>> ALL = List.of(
      // orders publishes the order events (its outbox relay); the other three consume them.
      new ServiceDefinition<>("orders", Set.of(POSTGRESQL, KAFKA),
          OrdersConfig::from, OrdersVerticle::new, OrdersVerticle::httpPort),
      new ServiceDefinition<>("inventory", Set.of(POSTGRESQL, KAFKA, REDIS),
          InventoryConfig::from, InventoryVerticle::new, InventoryVerticle::httpPort),
      new ServiceDefinition<>("payments", Set.of(POSTGRESQL),
          PaymentsConfig::from, PaymentsVerticle::new, PaymentsVerticle::httpPort),
      new ServiceDefinition<>("fraud", Set.of(),
          FraudConfig::from, FraudVerticle::new, FraudVerticle::httpPort),
      new ServiceDefinition<>("notifications", Set.of(POSTGRESQL, KAFKA, REDIS, SMTP),
          NotificationsConfig::from, NotificationsVerticle::new, NotificationsVerticle::httpPort),
      new ServiceDefinition<>("analytics", Set.of(POSTGRESQL, KAFKA, REDIS),
          AnalyticsConfig::from, AnalyticsVerticle::new, AnalyticsVerticle::httpPort));

  /** Every service name, in order: {@code orders, inventory, payments, fraud, notifications, analytics}. */
  public static final List<String> NAMES = ALL.stream().map(ServiceDefinition::name).toList();

  private Services() {}

  public static Optional<ServiceDefinition<?, ?>> named(String name) {
    return ALL.stream().filter(service -> service.name().equals(name)).findFirst();
  }

  /**
   * The services named, in the launcher's order and without repeats.
   *
   * @throws IllegalArgumentException when a name is unknown or none is given
   */
  public static List<ServiceDefinition<?, ?>> select(Collection<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("No service selected; valid services: " + String.join(", ", NAMES));
    }
    for (String name : names) {
      if (named(name).isEmpty()) {
        throw new IllegalArgumentException(unknown(name));
      }
    }
    return ALL.stream().filter(service -> names.contains(service.name())).toList();
  }

  /** The message for a name that is not a service. */
  public static String unknown(String name) {
    return "unknown service '" + name + "'; valid services: " + String.join(", ", NAMES);
  }
}
