package dev.vertxshop.platform.discovery;

import java.util.Objects;

/**
 * Where a service is to be called, as the configuration says.
 *
 * @param service the service's name
 * @param protocol how it is called
 * @param address the configured address, or the default one (its Kubernetes service name) when
 *     none is configured
 * @param configured whether {@code address} was configured; a configured address always wins over
 *     discovery, a default one only serves when there is no {@link ServiceDirectory}
 */
public record ServiceLocation(String service, Endpoint.Protocol protocol, String address, boolean configured) {

  public ServiceLocation {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(address, "address");
  }
}
