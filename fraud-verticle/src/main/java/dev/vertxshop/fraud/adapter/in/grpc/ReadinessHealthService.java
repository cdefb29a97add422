package dev.vertxshop.fraud.adapter.in.grpc;

import com.google.protobuf.Descriptors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.HealthServiceOptions;
import io.vertx.grpc.health.handler.GrpcHealthCheckV1Handler;
import io.vertx.grpc.health.handler.GrpcHealthListV1Handler;
import io.vertx.grpc.health.handler.GrpcHealthWatchV1Handler;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.grpc.health.v1.HealthProto;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.Service;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The standard {@code grpc.health.v1.Health} service (Check, Watch, List) answering from the service's
 * readiness: SERVING while it is ready, NOT_SERVING otherwise, both for the server as a whole (service
 * name "", what Kubernetes gRPC probes and {@code grpc_health_probe} ask by default) and for each
 * service named at construction. Other services on the server answer SERVING.
 *
 * <p>Built on vertx-grpc-health's handlers; its own {@code HealthService} always answers SERVING for
 * "", which would keep sending traffic to an instance that is stopping.
 */
public final class ReadinessHealthService implements Service {

  private static final ServiceName NAME = ServiceName.create("grpc.health.v1.Health");
  private static final Descriptors.ServiceDescriptor DESCRIPTOR = HealthProto.getDescriptor().findServiceByName("Health");

  private final Vertx vertx;
  private final Supplier<Future<Boolean>> readiness;
  private final Map<String, Supplier<Future<Boolean>>> checks = new ConcurrentHashMap<>();

  /**
   * @param ready whether the service is ready now; called on an event loop, so it must not block
   * @param services the services that report {@code ready}, besides the server as a whole
   */
  public ReadinessHealthService(Vertx vertx, BooleanSupplier ready, ServiceName... services) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(ready, "ready");
    this.readiness = () -> Future.succeededFuture(ready.getAsBoolean());
    for (ServiceName service : services) {
      checks.put(service.fullyQualifiedName(), readiness);
    }
  }

  @Override
  public ServiceName name() {
    return NAME;
  }

  @Override
  public Descriptors.ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void bind(GrpcServer server) {
    server.callHandler(GrpcHealthCheckV1Handler.SERVICE_METHOD, new CheckHandler(server));
    server.callHandler(GrpcHealthListV1Handler.SERVICE_METHOD, new GrpcHealthListV1Handler(server, checks));
    // Watchers are polled on a timer of the binding verticle, cancelled when it is undeployed.
    server.callHandler(GrpcHealthWatchV1Handler.SERVICE_METHOD, new WatchHandler(server));
  }

  private Future<ServingStatus> overall() {
    return readiness.get().map(ready -> ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  private static boolean isOverall(String name) {
    return name == null || name.isBlank();
  }

  private final class CheckHandler extends GrpcHealthCheckV1Handler {

    CheckHandler(GrpcServer server) {
      super(server, checks);
    }

    @Override
    protected Future<ServingStatus> checkStatus(String name) {
      return isOverall(name) ? overall() : super.checkStatus(name);
    }
  }

  private final class WatchHandler extends GrpcHealthWatchV1Handler {

    WatchHandler(GrpcServer server) {
      super(vertx, server, checks, new HealthServiceOptions());
    }

    @Override
    protected Future<ServingStatus> checkStatus(String name) {
      return isOverall(name) ? overall() : super.checkStatus(name);
    }
  }
}
