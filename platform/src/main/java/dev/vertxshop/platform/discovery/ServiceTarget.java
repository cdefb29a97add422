package dev.vertxshop.platform.discovery;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The address each call to a service goes to: always the same one ({@link #fixed}), or the next of
 * the service's live endpoints in the {@link ServiceDirectory}, round-robin, so that calls are
 * spread across its instances ({@link #discovered}).
 */
public interface ServiceTarget {

  /**
   * The address for the next call ({@code http://host:port} or {@code host:port}, as the
   * protocol has it), or empty when no instance of the service is known.
   */
  Optional<String> next();

  /** The target for the log: the fixed address, or {@code <service> (discovered)}. */
  String describe();

  static ServiceTarget fixed(String address) {
    Objects.requireNonNull(address, "address");
    Optional<String> always = Optional.of(address);
    return new ServiceTarget() {
      @Override
      public Optional<String> next() {
        return always;
      }

      @Override
      public String describe() {
        return address;
      }
    };
  }

  static ServiceTarget discovered(ServiceDirectory directory, String service, Endpoint.Protocol protocol) {
    Objects.requireNonNull(directory, "directory");
    AtomicInteger calls = new AtomicInteger();
    return new ServiceTarget() {
      @Override
      public Optional<String> next() {
        List<Endpoint> endpoints = directory.endpoints(service, protocol);
        if (endpoints.isEmpty()) {
          return Optional.empty();
        }
        int index = Math.floorMod(calls.getAndIncrement(), endpoints.size());
        return Optional.of(endpoints.get(index).address());
      }

      @Override
      public String describe() {
        return service + " (" + protocol.code() + ", discovered in the cluster)";
      }
    };
  }

  /**
   * A configured address wins; otherwise the service is found in the directory of a clustered
   * {@code vertx}; without one the default address of {@code location} is used.
   */
  static ServiceTarget resolve(Vertx vertx, ServiceLocation location) {
    if (location.configured()) {
      return fixed(location.address());
    }
    return ServiceDirectory.of(vertx)
        .map(directory -> discovered(directory, location.service(), location.protocol()))
        .orElseGet(() -> fixed(location.address()));
  }
}
