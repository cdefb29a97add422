package dev.vertxshop.launcher;

import dev.vertxshop.platform.config.Settings;
import java.util.Iterator;
import java.util.List;

/**
 * Lets the services that run in one launcher reach each other over localhost: each selected
 * service whose {@code <name>.service-url} is not configured gets {@code http://127.0.0.1:<its
 * port>}. Services that run elsewhere keep the address {@link Settings#serviceUrl} derives for them.
 */
final class Colocation {

  private static final String LOCALHOST = "http://127.0.0.1:";

  private Colocation() {}

  static Settings apply(Settings settings, List<ServiceDefinition<?, ?>> selected) {
    Settings result = assignFreePorts(settings, selected);
    for (ServiceDefinition<?, ?> service : selected) {
      if (result.optionalString(service.serviceUrlKey()).isEmpty()) {
        result = result.with(service.serviceUrlKey(), LOCALHOST + result.port(service.portKey()));
      }
    }
    return result;
  }

  /**
   * Port 0 means "any free port". The port is chosen here, before anything starts, because the
   * other services need to know it up front.
   */
  private static Settings assignFreePorts(Settings settings, List<ServiceDefinition<?, ?>> selected) {
    List<ServiceDefinition<?, ?>> anyPort = selected.stream()
        .filter(service -> settings.port(service.portKey()) == 0)
        .toList();
    Settings result = settings;
    Iterator<Integer> ports = FreePorts.pick(anyPort.size()).iterator();
    for (ServiceDefinition<?, ?> service : anyPort) {
      result = result.with(service.portKey(), ports.next());
    }
    return result;
  }
}
