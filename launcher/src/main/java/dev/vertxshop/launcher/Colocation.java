package dev.vertxshop.launcher;

import dev.vertxshop.platform.config.Settings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets the services that run in one launcher reach each other over localhost: each selected
 * service whose {@code <name>.service-url} is not configured gets {@code http://127.0.0.1:<its
 * port>}, and a selected service with a gRPC API whose address is not configured gets {@code
 * 127.0.0.1:<its gRPC port>} (fraud: {@code fraud.service-address} from {@code fraud.grpc.port}).
 * Services that run elsewhere keep the address their callers derive for them. In a cluster
 * ({@code cluster.enabled}) no address is set: the services find each other, here or on other
 * members, through the cluster's directory, unless an address is configured.
 */
final class Colocation {

  private static final String LOCALHOST = "http://127.0.0.1:";
  private static final String LOOPBACK = "127.0.0.1:";

  /** A gRPC API: the service serving it, the key of its port and the key its callers read. */
  record GrpcApi(String service, String portKey, String addressKey) {}

  static final List<GrpcApi> GRPC_APIS = List.of(new GrpcApi("fraud", "fraud.grpc.port", "fraud.service-address"));

  private Colocation() {}

  static Settings apply(Settings settings, List<ServiceDefinition<?, ?>> selected) {
    Settings result = assignFreePorts(settings, selected);
    if (result.bool("cluster.enabled")) {
      // Clustered, every service is found through the cluster, co-located ones included.
      return result;
    }
    for (ServiceDefinition<?, ?> service : selected) {
      if (result.optionalString(service.serviceUrlKey()).isEmpty()) {
        result = result.with(service.serviceUrlKey(), LOCALHOST + result.port(service.portKey()));
      }
    }
    for (GrpcApi api : grpcApisOf(selected)) {
      if (result.optionalString(api.addressKey()).isEmpty()) {
        result = result.with(api.addressKey(), LOOPBACK + result.port(api.portKey()));
      }
    }
    return result;
  }

  private static List<GrpcApi> grpcApisOf(List<ServiceDefinition<?, ?>> selected) {
    return GRPC_APIS.stream()
        .filter(api -> selected.stream().anyMatch(service -> service.name().equals(api.service())))
        .toList();
  }

  /**
   * Port 0 means "any free port". The port is chosen here, before anything starts, because the
   * other services need to know it up front. It is never one of the ports given to the other
   * services: those may be free right now only because their servers have not started yet, and two
   * servers of one Vert.x instance on one port would share it, each answering part of the requests.
   */
  private static Settings assignFreePorts(Settings settings, List<ServiceDefinition<?, ?>> selected) {
    List<String> portKeys = new ArrayList<>();
    selected.forEach(service -> portKeys.add(service.portKey()));
    grpcApisOf(selected).forEach(api -> portKeys.add(api.portKey()));
    List<String> anyPort = portKeys.stream().filter(key -> settings.port(key) == 0).toList();
    Set<Integer> taken = portKeys.stream().map(settings::port).filter(port -> port != 0).collect(Collectors.toSet());
    Settings result = settings;
    Iterator<Integer> ports = FreePorts.pick(anyPort.size(), taken).iterator();
    for (String key : anyPort) {
      result = result.with(key, ports.next());
    }
    return result;
  }
}
