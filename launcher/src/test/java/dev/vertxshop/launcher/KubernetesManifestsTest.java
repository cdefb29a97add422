package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.health.ShutdownSettings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * Renders both kustomize overlays, {@code k8s/overlays/all-in-one} and {@code
 * k8s/overlays/production}, with {@code kubectl kustomize} and checks what would be applied against
 * the code: each Deployment's arguments and environment go through the launcher's own command line
 * and configuration loader, with the mounted configuration file taken from the rendered ConfigMap,
 * so the probes, ports, shutdown timing and cluster settings are checked against the values the
 * services would really run with.
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("..", "k8s");
  private static final Path OVERLAYS = K8S.resolve("overlays");
  private static final String ALL_IN_ONE = "all-in-one";
  private static final String PRODUCTION = "production";
  private static final String IMAGE = "vertx-shop:0.1.0";
  private static final String SECRET = "vertx-shop-credentials";
  private static final String CLUSTER_SERVICE = "vertx-shop-cluster";
  /** Variables read by the launcher or the JVM rather than mapped to a configuration key. */
  private static final Set<String> NON_KEY_VARIABLES = Set.of(ConfigLoader.CONFIG_FILE_ENV, "JAVA_TOOL_OPTIONS");
  /** The launcher's time for undeploying the services, beyond the pre-stop delay and the drain. */
  private static final long UNDEPLOY_MILLIS = RunningShop.UNDEPLOY_TIMEOUT_SECONDS * 1000;
  /** Stands in for a pod's IP ({@code status.podIP}), which only the running pod knows. */
  private static final String POD_IP = "10.1.2.3";
  /** The health endpoints every service serves on its HTTP port, by the probe that asks each. */
  private static final Map<String, String> PROBE_PATHS = Map.of(
      "startupProbe", "/health/started",
      "livenessProbe", "/health/live",
      "readinessProbe", "/health/ready");

  /** A call one service makes to another: the caller, the callee, and the key of the callee's port. */
  private record Call(String from, String to, String portKey) {}

  /** The only calls between services the architecture makes; everything else goes through Kafka. */
  private static final List<Call> CALLS = List.of(
      new Call("orders", "inventory", "inventory.http.port"),
      new Call("orders", "payments", "payments.http.port"),
      new Call("payments", "fraud", "fraud.grpc.port"));

  @TempDir
  static Path mounts;

  private static Overlay allInOne;
  private static Overlay production;
  private static Set<String> configurationKeys;

  @BeforeAll
  static void render() throws IOException {
    configurationKeys = leafKeys("", ConfigLoader.load(Map.of()).asJson());
    allInOne = Overlay.render(ALL_IN_ONE);
    production = Overlay.render(PRODUCTION);
  }

  @Test
  void theOverlaysAreAllInOneAndProduction() throws IOException {
    try (Stream<Path> overlays = Files.list(OVERLAYS)) {
      assertThat(overlays.map(dir -> dir.getFileName().toString())).containsExactlyInAnyOrder(ALL_IN_ONE, PRODUCTION);
    }
  }

  @Test
  void everyFileUnderK8sIsUsedByAKustomization() throws IOException {
    List<Path> unused = new ArrayList<>();
    try (Stream<Path> files = Files.walk(K8S)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.equals("kustomization.yaml") || name.equals("README.md")) {
          continue;
        }
        Path kustomization = file.resolveSibling("kustomization.yaml");
        if (!Files.exists(kustomization) || !referencedBy(loadOne(kustomization)).contains(name)) {
          unused.add(file);
        }
      }
    }

    assertThat(unused).isEmpty();
  }

  @Test
  void allInOneRunsEveryServiceInOneUnclusteredPod() {
    List<Workload> workloads = allInOne.workloads();

    assertThat(workloads).hasSize(1);
    Workload shop = workloads.get(0);
    assertThat(shop.services()).containsExactlyElementsOf(Services.NAMES);
    assertThat(shop.settings().bool("cluster.enabled")).isFalse();
    assertThat(map(shop.deployment().get("spec")).get("replicas")).isEqualTo(1);
    assertThat(allInOne.ofKind("HorizontalPodAutoscaler")).isEmpty();
    assertThat(allInOne.ofKind("PodDisruptionBudget")).isEmpty();
    assertThat(allInOne.ofKind("Service")).extracting(KubernetesManifestsTest::name).doesNotContain(CLUSTER_SERVICE);
  }

  @Test
  void productionRunsEachServiceInItsOwnDeployment() {
    assertThat(production.workloads()).extracting(Workload::name).containsExactlyInAnyOrderElementsOf(Services.NAMES);
    for (Workload workload : production.workloads()) {
      assertThat(strings(workload.container().get("args"))).as(workload.name()).containsExactly("--services", workload.name());
      assertThat(workload.services()).as(workload.name()).containsExactly(workload.name());
    }
  }

  @Test
  void everyPodRunsTheOneImage() {
    for (Workload workload : allWorkloads()) {
      assertThat(workload.container().get("image")).as(workload.describe()).isEqualTo(IMAGE);
    }
  }

  @Test
  void probesAskTheHealthEndpointsOnThePortsTheServicesListenOn() {
    for (Workload workload : allWorkloads()) {
      Map<String, Object> container = workload.container();
      Set<Integer> httpPorts = workload.httpPorts();
      PROBE_PATHS.forEach((probe, path) -> {
        String what = workload.describe() + " " + probe;
        Map<String, Object> spec = map(container.get(probe));
        assertThat(spec).as(what).isNotEmpty();
        if (spec.containsKey("grpc")) {
          assertThat(workload.services()).as(what).contains("fraud");
          assertThat(workload.port(map(spec.get("grpc")).get("port"))).as(what).isEqualTo(workload.settings().port("fraud.grpc.port"));
        } else {
          Map<String, Object> httpGet = map(spec.get("httpGet"));
          assertThat(httpGet.get("path")).as(what).isEqualTo(path);
          assertThat(httpPorts).as(what).contains(workload.port(httpGet.get("port")));
        }
      });
    }
    // Per service: its own port, and fraud's readiness is the standard gRPC health service, which
    // its callers' traffic depends on.
    for (Workload workload : production.workloads()) {
      Map<String, Object> container = workload.container();
      int httpPort = workload.settings().port(workload.definitions().get(0).portKey());
      assertThat(workload.port(map(map(container.get("livenessProbe")).get("httpGet")).get("port"))).isEqualTo(httpPort);
      assertThat(workload.port(map(map(container.get("startupProbe")).get("httpGet")).get("port"))).isEqualTo(httpPort);
      assertThat(map(container.get("readinessProbe")).containsKey("grpc")).as(workload.name()).isEqualTo(workload.name().equals("fraud"));
    }
  }

  @Test
  void everyContainerPortIsOneTheServicesListenOn() {
    for (Workload workload : allWorkloads()) {
      Set<Integer> expected = new TreeSet<>(workload.httpPorts());
      if (workload.services().contains("fraud")) {
        expected.add(workload.settings().port("fraud.grpc.port"));
      }
      if (workload.settings().bool("cluster.enabled")) {
        expected.add(workload.settings().port("cluster.port"));
        expected.add(workload.settings().port("cluster.event-bus-port"));
      }

      assertThat(maps(workload.container().get("ports")).stream().map(port -> (Integer) port.get("containerPort")))
          .as(workload.describe())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void everyVariableAndFileKeyIsOneTheServicesRead() {
    Set<String> keyVariables = configurationKeys.stream().map(Settings::envName).collect(Collectors.toSet());
    for (Workload workload : allWorkloads()) {
      Set<String> variables = new TreeSet<>();
      for (String variable : workload.environment().keySet()) {
        // KEY_FILE names a file holding KEY's value.
        variables.add(variable.endsWith(ConfigLoader.FILE_SUFFIX) && !NON_KEY_VARIABLES.contains(variable)
            ? variable.substring(0, variable.length() - ConfigLoader.FILE_SUFFIX.length())
            : variable);
      }
      variables.removeAll(NON_KEY_VARIABLES);

      assertThat(keyVariables).as(workload.describe()).containsAll(variables);
      assertThat(configurationKeys).as(workload.describe()).containsAll(leafKeys("", workload.configurationFile()));
    }
  }

  @Test
  void productionIsClusteredThroughTheHeadlessService() {
    Map<String, Object> headless = production.object("Service", CLUSTER_SERVICE);
    Map<String, Object> spec = map(headless.get("spec"));
    assertThat(spec).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);

    for (Workload workload : production.workloads()) {
      Settings settings = workload.settings();
      String what = workload.name();

      assertThat(settings.bool("cluster.enabled")).as(what).isTrue();
      assertThat(settings.string("cluster.join")).as(what).isEqualTo("kubernetes");
      assertThat(settings.string("cluster.kubernetes.service-dns")).as(what)
          .isEqualTo(CLUSTER_SERVICE + "." + namespace(headless) + ".svc.cluster.local");
      // Hazelcast and the event bus bind to the pod's IP and announce it, never localhost.
      assertThat(fieldRef(workload.container(), "CLUSTER_HOST")).as(what).contains("status.podIP");
      assertThat(fieldRef(workload.container(), "CLUSTER_PUBLIC_HOST")).as(what).contains("status.podIP");
      // A fixed event-bus port, so that the NetworkPolicies can open it.
      assertThat(settings.port("cluster.event-bus-port")).as(what).isPositive();
      assertThat(selects(map(spec.get("selector")), workload.podLabels())).as(what).isTrue();
      assertThat(maps(spec.get("ports")).stream().map(port -> (Integer) port.get("port")))
          .as(what)
          .containsExactlyInAnyOrder(settings.port("cluster.port"), settings.port("cluster.event-bus-port"));
    }
  }

  /**
   * A configured address wins over both ways the services find each other: localhost when they
   * share a JVM (all-in-one), the endpoints published in the cluster otherwise (production).
   */
  @Test
  void productionTrustsTheIdentityProviderAndTheCallersCallWithATokenFromASecretFile() {
    for (Workload workload : production.workloads()) {
      Settings settings = workload.settings();
      assertThat(settings.optionalString("auth.jwt.jwks-url")).as(workload.describe()).isPresent();
      assertThat(settings.optionalString("auth.jwt.issuer")).as(workload.describe()).isPresent();
      assertThat(settings.optionalString("auth.jwt.audience")).as(workload.describe()).isPresent();
      assertThat(workload.environment()).as(workload.describe()).doesNotContainKey("AUTH_SERVICE_TOKEN");
      // orders calls inventory and payments; payments calls fraud.
      boolean calls = workload.services().contains("orders") || workload.services().contains("payments");
      String file = workload.environment().get("AUTH_SERVICE_TOKEN" + ConfigLoader.FILE_SUFFIX);
      assertThat(file != null).as(workload.describe()).isEqualTo(calls);
      if (calls) {
        Map<String, Object> mount = maps(workload.container().get("volumeMounts")).stream()
            .filter(candidate -> file.startsWith(candidate.get("mountPath") + "/"))
            .findFirst().orElseThrow(() -> new AssertionError(workload.describe() + ": nothing mounted at " + file));
        assertThat(map(workload.volume((String) mount.get("name")).get("secret")).get("secretName"))
            .isEqualTo("vertx-shop-service-token");
      }
    }
    for (Workload workload : allInOne.workloads()) {
      // The development key pair goes to the pod's writable emptyDir, never the read-only root.
      assertThat(workload.settings().optionalString("auth.dev-keys.dir")).as(workload.describe()).hasValueSatisfying(
          dir -> assertThat(dir).startsWith("/tmp/"));
    }
  }

  @Test
  void noServiceAddressIsSetSoThatLocalhostOrTheClusterFindsEachService() {
    for (Workload workload : allWorkloads()) {
      for (ServiceDefinition<?, ?> service : Services.ALL) {
        assertThat(workload.settings().optionalString(service.serviceUrlKey()))
            .as("%s: %s", workload.describe(), service.serviceUrlKey())
            .isEmpty();
      }
      for (Colocation.GrpcApi api : Colocation.GRPC_APIS) {
        assertThat(workload.settings().optionalString(api.addressKey()))
            .as("%s: %s", workload.describe(), api.addressKey())
            .isEmpty();
      }
    }
  }

  @Test
  void everyContainerRequestsAndIsLimitedInCpuAndMemory() {
    for (Workload workload : allWorkloads()) {
      Map<String, Object> resources = map(workload.container().get("resources"));

      assertThat(map(resources.get("requests"))).as(workload.describe()).containsKeys("cpu", "memory");
      assertThat(map(resources.get("limits"))).as(workload.describe()).containsKeys("cpu", "memory");
    }
  }

  @Test
  void podsRunAsNonRootWithAReadOnlyRootFilesystemAndNoPrivileges() {
    for (Workload workload : allWorkloads()) {
      String what = workload.describe();
      Map<String, Object> pod = workload.podSpec();
      Map<String, Object> podSecurity = map(pod.get("securityContext"));
      Map<String, Object> container = workload.container();
      Map<String, Object> containerSecurity = map(container.get("securityContext"));

      assertThat(podSecurity).as(what).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
      assertThat(map(podSecurity.get("seccompProfile"))).as(what).containsEntry("type", "RuntimeDefault");
      assertThat(pod).as(what).containsEntry("automountServiceAccountToken", false);
      assertThat(containerSecurity).as(what)
          .containsEntry("readOnlyRootFilesystem", true)
          .containsEntry("allowPrivilegeEscalation", false);
      assertThat(strings(map(containerSecurity.get("capabilities")).get("drop"))).as(what).containsExactly("ALL");
      String tmpVolume = volumeMountedAt(container, "/tmp").orElseThrow(() -> new AssertionError(what + ": nothing at /tmp"));
      assertThat(workload.volume(tmpVolume)).as(what).containsKey("emptyDir");
    }
  }

  @Test
  void terminationGraceOutlastsThePreStopDelayTheDrainAndTheUndeploy() {
    for (Workload workload : allWorkloads()) {
      String what = workload.describe();
      ShutdownSettings shutdown = ShutdownSettings.from(workload.settings());
      long preStopHook = preStopSleepMillis(workload.container(), what);
      long grace = ((Number) workload.podSpec().get("terminationGracePeriodSeconds")).longValue() * 1000;

      // Readiness turns 503 at SIGTERM while the servers go on accepting, so that the endpoints
      // controller takes the pod out of the Services before they stop.
      assertThat(shutdown.preStopDelay().toMillis()).as(what).isPositive();
      assertThat(grace).as(what)
          .isGreaterThan(preStopHook + shutdown.preStopDelay().toMillis() + shutdown.drainTimeout().toMillis() + UNDEPLOY_MILLIS);
    }
  }

  @Test
  void noServiceFallsBackToAnEmbeddedServer() {
    for (Workload workload : allWorkloads()) {
      Settings settings = workload.settings();
      for (ServiceDefinition<?, ?> service : workload.definitions()) {
        String what = workload.describe() + " " + service.name();
        if (service.needs(Infrastructure.POSTGRESQL)) {
          assertThat(settings.optionalString("pg.host").or(() -> settings.optionalString("pg.url"))).as(what).isPresent();
        }
        if (service.needs(Infrastructure.KAFKA)) {
          assertThat(settings.optionalString("kafka.bootstrap-servers")).as(what).isPresent();
        }
        if (service.needs(Infrastructure.REDIS)) {
          assertThat(settings.optionalString("redis.url")).as(what).isPresent();
        }
        if (service.needs(Infrastructure.SMTP)) {
          assertThat(settings.optionalString("notifications.smtp.host")).as(what).isPresent();
        }
      }
    }
  }

  @Test
  void credentialsComeFromTheSecret() {
    Set<String> credentials = Set.of("PG_PASSWORD", "PG_URL", "REDIS_URL", "NOTIFICATIONS_SMTP_PASSWORD");
    for (Workload workload : allWorkloads()) {
      Set<String> expected = new TreeSet<>();
      for (ServiceDefinition<?, ?> service : workload.definitions()) {
        if (service.needs(Infrastructure.POSTGRESQL)) {
          expected.add("PG_PASSWORD");
        }
        if (service.needs(Infrastructure.REDIS)) {
          expected.add("REDIS_URL");
        }
        if (service.needs(Infrastructure.SMTP)) {
          expected.add("NOTIFICATIONS_SMTP_PASSWORD");
        }
      }

      assertThat(secretEnv(workload.container()).keySet()).as(workload.describe()).isEqualTo(expected);
      assertThat(plainEnv(workload.container())).as(workload.describe()).doesNotContainKeys(credentials.toArray(String[]::new));
    }
    for (Overlay overlay : List.of(allInOne, production)) {
      for (Map<String, Object> configMap : overlay.ofKind("ConfigMap")) {
        assertThat(map(configMap.get("data"))).as(overlay.name()).doesNotContainKeys(credentials.toArray(String[]::new));
      }
      assertThat(overlay.ofKind("Secret")).as(overlay.name()).isEmpty();
    }
  }

  @Test
  void noPasswordIsWrittenAnywhereUnderK8s() throws IOException {
    // A password assigned a value, or a URL with one; "$VAR", "<placeholder>", "{...}" and the optional
    // "[:password@]" of a URL's syntax are not values.
    Pattern assigned = Pattern.compile("(?i)password[\"']?\\s*[:=]\\s*[\"']?([^\\s\"'$<{][^\\s\"']*)");
    Pattern inUrl = Pattern.compile("://[^\\s/:@\\[]*:([^\\s@$<{][^\\s@]*)@");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(K8S)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file);
        for (Pattern pattern : List.of(assigned, inUrl)) {
          Matcher matcher = pattern.matcher(text);
          while (matcher.find()) {
            found.add(file + ": " + matcher.group());
          }
        }
      }
    }

    assertThat(found).isEmpty();
  }

  @Test
  void everyPodHasAClusterIpServiceOnItsServicesPorts() {
    for (Workload workload : allWorkloads()) {
      Set<Integer> expected = new TreeSet<>(workload.httpPorts());
      if (workload.services().contains("fraud")) {
        expected.add(workload.settings().port("fraud.grpc.port"));
      }
      List<Map<String, Object>> services = workload.overlay().ofKind("Service").stream()
          .filter(service -> !"None".equals(map(service.get("spec")).get("clusterIP")))
          .filter(service -> selects(map(map(service.get("spec")).get("selector")), workload.podLabels()))
          .toList();

      assertThat(services).as(workload.describe()).hasSize(1);
      Map<String, Object> spec = map(services.get(0).get("spec"));
      assertThat(spec.getOrDefault("type", "ClusterIP")).as(workload.describe()).isEqualTo("ClusterIP");
      for (Map<String, Object> port : maps(spec.get("ports"))) {
        assertThat(workload.port(port.get("targetPort")))
            .as("%s port %s", workload.describe(), port.get("name"))
            .isEqualTo(port.get("port"));
      }
      assertThat(maps(spec.get("ports")).stream().map(port -> (Integer) port.get("port")).collect(Collectors.toSet()))
          .as(workload.describe()).isEqualTo(expected);
    }
  }

  @Test
  void productionScalesEachServiceOnCpuAndKeepsAPodThroughDisruptions() {
    for (Workload workload : production.workloads()) {
      Map<String, Object> hpa = map(production.object("HorizontalPodAutoscaler", workload.name()).get("spec"));
      Map<String, Object> pdb = map(production.object("PodDisruptionBudget", workload.name()).get("spec"));

      assertThat(map(hpa.get("scaleTargetRef"))).as(workload.name())
          .containsEntry("kind", "Deployment").containsEntry("name", workload.name());
      assertThat(maps(hpa.get("metrics")))
          .extracting(metric -> map(metric.get("resource")).get("name"))
          .as(workload.name())
          .containsExactly("cpu");
      assertThat((Integer) hpa.get("minReplicas")).as(workload.name()).isGreaterThan(1);
      assertThat(pdb.get("minAvailable")).as(workload.name()).isEqualTo(1);
      assertThat(selects(map(map(pdb.get("selector")).get("matchLabels")), workload.podLabels())).as(workload.name()).isTrue();
    }
  }

  @Test
  void networkPoliciesAllowExactlyTheCallsTheArchitectureMakes() {
    for (Overlay overlay : List.of(allInOne, production)) {
      List<Map<String, Object>> policies = overlay.ofKind("NetworkPolicy");

      assertThat(policies).as(overlay.name()).anySatisfy(policy -> {
        Map<String, Object> spec = map(policy.get("spec"));
        assertThat(map(spec.get("podSelector"))).isEmpty();
        assertThat(strings(spec.get("policyTypes"))).containsExactly("Ingress");
        assertThat(spec.get("ingress")).isNull();
      });
      assertThat(allowedCalls(overlay)).as(overlay.name()).isEqualTo(expectedCalls(overlay));
    }
  }

  /**
   * What must reach each pod, as "source -> deployment:port": clients reach orders' API, monitoring
   * every service's HTTP port, a service the services that call it when they run in other pods
   * (within a pod they call over localhost), and cluster members each other.
   */
  private static Set<String> expectedCalls(Overlay overlay) {
    Set<String> calls = new TreeSet<>();
    Workload orders = overlay.running("orders");
    calls.add("anyone -> " + orders.name() + ":" + orders.settings().port("orders.http.port"));
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Workload target = overlay.running(service.name());
      calls.add("namespace monitoring -> " + target.name() + ":" + target.settings().port(service.portKey()));
    }
    for (Call call : CALLS) {
      Workload from = overlay.running(call.from());
      Workload to = overlay.running(call.to());
      if (from != to) {
        calls.add(from.name() + " -> " + to.name() + ":" + to.settings().port(call.portKey()));
      }
    }
    List<Workload> members = overlay.workloads().stream().filter(workload -> workload.settings().bool("cluster.enabled")).toList();
    for (Workload member : members) {
      for (Workload other : members) {
        calls.add(other.name() + " -> " + member.name() + ":" + member.settings().port("cluster.port"));
        calls.add(other.name() + " -> " + member.name() + ":" + member.settings().port("cluster.event-bus-port"));
      }
    }
    return calls;
  }

  /** Every "source -> deployment:port" that some policy of the overlay allows, named ports resolved per pod. */
  private static Set<String> allowedCalls(Overlay overlay) {
    Set<String> calls = new TreeSet<>();
    for (Map<String, Object> policy : overlay.ofKind("NetworkPolicy")) {
      Map<String, Object> spec = map(policy.get("spec"));
      assertThat(strings(spec.get("policyTypes"))).as("policy %s", name(policy)).containsExactly("Ingress");
      for (Workload target : overlay.workloads()) {
        if (!matches(map(spec.get("podSelector")), target.podLabels())) {
          continue;
        }
        for (Map<String, Object> rule : maps(spec.get("ingress"))) {
          List<String> sources = sources(overlay, policy, rule);
          for (Map<String, Object> port : maps(rule.get("ports"))) {
            int number = target.port(port.get("port"));
            sources.forEach(source -> calls.add(source + " -> " + target.name() + ":" + number));
          }
        }
      }
    }
    return calls;
  }

  private static List<String> sources(Overlay overlay, Map<String, Object> policy, Map<String, Object> rule) {
    if (rule.get("from") == null) {
      return List.of("anyone");
    }
    List<String> sources = new ArrayList<>();
    for (Map<String, Object> peer : maps(rule.get("from"))) {
      assertThat(peer.keySet()).as("peer of policy %s", name(policy)).hasSize(1);
      if (peer.containsKey("namespaceSelector")) {
        Map<String, Object> labels = map(map(peer.get("namespaceSelector")).get("matchLabels"));
        assertThat(labels).as("namespaces of policy %s", name(policy)).containsOnlyKeys("kubernetes.io/metadata.name");
        sources.add("namespace " + labels.get("kubernetes.io/metadata.name"));
      } else {
        Map<String, Object> selector = map(peer.get("podSelector"));
        overlay.workloads().stream().filter(source -> matches(selector, source.podLabels())).forEach(source -> sources.add(source.name()));
      }
    }
    return sources;
  }

  /** A label selector with only matchLabels (the only kind the manifests use) against pod labels. */
  private static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
    assertThat(selector.keySet()).isSubsetOf("matchLabels");
    return selects(map(selector.get("matchLabels")), labels);
  }

  private static boolean selects(Map<String, Object> wanted, Map<String, Object> labels) {
    return labels.entrySet().containsAll(wanted.entrySet());
  }

  private static List<Workload> allWorkloads() {
    List<Workload> all = new ArrayList<>(allInOne.workloads());
    all.addAll(production.workloads());
    return all;
  }

  /** A kustomize overlay as {@code kubectl kustomize} renders it. */
  private record Overlay(String name, List<Map<String, Object>> objects, List<Workload> workloads) {

    static Overlay render(String name) throws IOException {
      List<Map<String, Object>> objects = new ArrayList<>();
      for (Object document : new Yaml().loadAll(kustomize(OVERLAYS.resolve(name)))) {
        if (document != null) {
          objects.add(map(document));
        }
      }
      List<Workload> workloads = new ArrayList<>();
      Overlay overlay = new Overlay(name, objects, workloads);
      for (Map<String, Object> deployment : overlay.ofKind("Deployment")) {
        workloads.add(Workload.of(overlay, deployment));
      }
      return overlay;
    }

    List<Map<String, Object>> ofKind(String kind) {
      return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Map<String, Object> object(String kind, String name) {
      List<Map<String, Object>> found = ofKind(kind).stream().filter(object -> name.equals(KubernetesManifestsTest.name(object))).toList();
      assertThat(found).as("%s: %s %s", this.name, kind, name).hasSize(1);
      return found.get(0);
    }

    /** The Deployment whose pods run {@code service}: exactly one per overlay. */
    Workload running(String service) {
      List<Workload> found = workloads.stream().filter(workload -> workload.services().contains(service)).toList();
      assertThat(found).as("%s: Deployments running %s", name, service).hasSize(1);
      return found.get(0);
    }
  }

  /**
   * A Deployment of an overlay with what the launcher makes of it: the services its arguments
   * select, and the settings its environment and mounted configuration file produce.
   */
  private record Workload(Overlay overlay, Map<String, Object> deployment, List<String> services, Map<String, String> environment,
      JsonObject configurationFile, Settings settings) {

    static Workload of(Overlay overlay, Map<String, Object> deployment) {
      Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
      List<Map<String, Object>> containers = maps(pod.get("containers"));
      String what = overlay.name() + "/" + KubernetesManifestsTest.name(deployment);
      assertThat(containers).as("%s: containers", what).hasSize(1);
      Map<String, Object> container = containers.get(0);

      Map<String, String> environment = podEnvironment(overlay, deployment, container);
      String configFile = environment.get(ConfigLoader.CONFIG_FILE_ENV);
      assertThat(configFile).as("%s: %s", what, ConfigLoader.CONFIG_FILE_ENV).isNotNull();
      Path mounted = mount(overlay, pod, container, configFile, what);
      JsonObject file = new JsonObject(new Yaml().<Map<String, Object>>load(read(mounted)));

      Map<String, String> launcherEnv = new LinkedHashMap<>(environment);
      launcherEnv.put(ConfigLoader.CONFIG_FILE_ENV, mounted.toString());
      // Files the pod reads values from (mounted Secrets) are not here: each is read as a placeholder.
      launcherEnv.replaceAll((variable, value) -> variable.endsWith(ConfigLoader.FILE_SUFFIX) && !NON_KEY_VARIABLES.contains(variable)
          ? placeholderFile(variable)
          : value);
      CommandLine commandLine = Main.commandLine(launcherEnv, 0);
      commandLine.parseArgs(strings(container.get("args")).toArray(String[]::new));
      Main main = commandLine.getCommand();
      return new Workload(overlay, deployment, List.copyOf(main.selectedServices()), environment, file, main.settings());
    }

    String name() {
      return KubernetesManifestsTest.name(deployment);
    }

    String describe() {
      return overlay.name() + "/" + name();
    }

    List<ServiceDefinition<?, ?>> definitions() {
      return Services.select(services);
    }

    Set<Integer> httpPorts() {
      return definitions().stream().map(service -> settings.port(service.portKey())).collect(Collectors.toCollection(TreeSet::new));
    }

    Map<String, Object> podTemplate() {
      return map(map(deployment.get("spec")).get("template"));
    }

    Map<String, Object> podSpec() {
      return map(podTemplate().get("spec"));
    }

    Map<String, Object> podLabels() {
      return map(map(podTemplate().get("metadata")).get("labels"));
    }

    Map<String, Object> container() {
      return maps(podSpec().get("containers")).get(0);
    }

    Map<String, Object> volume(String name) {
      return maps(podSpec().get("volumes")).stream()
          .filter(volume -> name.equals(volume.get("name")))
          .findFirst()
          .orElseThrow(() -> new AssertionError(describe() + ": no volume " + name));
    }

    /** A port number, or the number of the container's port by that name. */
    int port(Object port) {
      if (port instanceof Integer number) {
        return number;
      }
      return maps(container().get("ports")).stream()
          .filter(candidate -> port.equals(candidate.get("name")))
          .map(candidate -> (Integer) candidate.get("containerPort"))
          .findFirst()
          .orElseThrow(() -> new AssertionError(describe() + ": no container port named " + port));
    }
  }

  /**
   * The container's environment as the kubelet would set it: the ConfigMaps of {@code envFrom},
   * then {@code env} in order, with {@code $(NAME)} references to variables defined before expanded,
   * the pod's namespace and IP filled in, and a stand-in for each Secret value.
   */
  private static Map<String, String> podEnvironment(Overlay overlay, Map<String, Object> deployment, Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> source : maps(container.get("envFrom"))) {
      assertThat(source.keySet()).as("envFrom of %s", name(deployment)).containsExactly("configMapRef");
      String configMap = (String) map(source.get("configMapRef")).get("name");
      map(overlay.object("ConfigMap", configMap).get("data")).forEach((key, value) -> env.put(key, String.valueOf(value)));
    }
    for (Map<String, Object> variable : maps(container.get("env"))) {
      String name = (String) variable.get("name");
      if (variable.containsKey("value")) {
        env.put(name, expand(String.valueOf(variable.get("value")), env));
        continue;
      }
      Map<String, Object> from = map(variable.get("valueFrom"));
      if (from.containsKey("secretKeyRef")) {
        env.put(name, "secret-" + map(from.get("secretKeyRef")).get("key"));
        continue;
      }
      String field = (String) map(from.get("fieldRef")).get("fieldPath");
      env.put(name, switch (field) {
        case "metadata.namespace" -> namespace(deployment);
        case "status.podIP" -> POD_IP;
        default -> throw new AssertionError(name(deployment) + ": unexpected field " + field + " for " + name);
      });
    }
    return env;
  }

  private static String expand(String value, Map<String, String> defined) {
    Matcher reference = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
    StringBuilder expanded = new StringBuilder();
    while (reference.find()) {
      String replacement = defined.getOrDefault(reference.group(1), reference.group());
      reference.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
    }
    reference.appendTail(expanded);
    return expanded.toString();
  }

  /**
   * Writes the ConfigMap mounted at the directory of {@code file} to a directory of its own and
   * returns where {@code file} is in it, so that the launcher can read it as the pod would.
   */
  private static Path mount(Overlay overlay, Map<String, Object> pod, Map<String, Object> container, String file, String what) {
    Path inPod = Path.of(file);
    String mountPath = inPod.getParent().toString();
    String volumeName = maps(container.get("volumeMounts")).stream()
        .filter(mount -> mountPath.equals(mount.get("mountPath")))
        .map(mount -> (String) mount.get("name"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(what + ": nothing mounted at " + mountPath));
    Map<String, Object> volume = maps(pod.get("volumes")).stream()
        .filter(candidate -> volumeName.equals(candidate.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(what + ": no volume " + volumeName));
    String configMap = (String) map(volume.get("configMap")).get("name");
    Object content = map(overlay.object("ConfigMap", configMap).get("data")).get(inPod.getFileName().toString());
    assertThat(content).as("%s: %s in ConfigMap %s", what, inPod.getFileName(), configMap).isNotNull();
    try {
      Path dir = Files.createDirectories(mounts.resolve(what.replace('/', '-')));
      return Files.writeString(dir.resolve(inPod.getFileName().toString()), (String) content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kustomize(Path dir) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
    } catch (IOException e) {
      throw new AssertionError("Rendering the overlays needs kubectl (1.27 or later) on the PATH", e);
    }
    CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String output = read(process.getInputStream());
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while rendering " + dir, e);
    }
    assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, errors.join()).isZero();
    return output;
  }

  /** The plain value of {@code name}'s {@code valueFrom.fieldRef.fieldPath}, if it has one. */
  private static Optional<String> fieldRef(Map<String, Object> container, String name) {
    return maps(container.get("env")).stream()
        .filter(variable -> name.equals(variable.get("name")))
        .map(variable -> (String) map(map(variable.get("valueFrom")).get("fieldRef")).get("fieldPath"))
        .filter(field -> field != null)
        .findFirst();
  }

  /** {@code lifecycle.preStop.sleep} of the container (none: 0); the image has no shell for an exec hook. */
  private static long preStopSleepMillis(Map<String, Object> container, String what) {
    Map<String, Object> preStop = map(map(container.get("lifecycle")).get("preStop"));
    assertThat(preStop.keySet()).as("%s: preStop", what).isSubsetOf("sleep");
    return preStop.isEmpty() ? 0 : ((Number) map(preStop.get("sleep")).get("seconds")).longValue() * 1000;
  }

  private static Optional<String> volumeMountedAt(Map<String, Object> container, String path) {
    return maps(container.get("volumeMounts")).stream()
        .filter(mount -> path.equals(mount.get("mountPath")))
        .map(mount -> (String) mount.get("name"))
        .findFirst();
  }

  private static Map<String, String> plainEnv(Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> variable : maps(container.get("env"))) {
      if (variable.containsKey("value")) {
        env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
      }
    }
    return env;
  }

  /** Variables taken from the shop's Secret, by name, with the Secret key each comes from. */
  private static Map<String, String> secretEnv(Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> variable : maps(container.get("env"))) {
      Map<String, Object> ref = map(map(variable.get("valueFrom")).get("secretKeyRef"));
      if (!ref.isEmpty()) {
        assertThat(ref.get("name")).as("Secret of %s", variable.get("name")).isEqualTo(SECRET);
        env.put((String) variable.get("name"), (String) ref.get("key"));
      }
    }
    return env;
  }

  /** The files a kustomization names: resources, generators' files and patches. */
  private static Set<String> referencedBy(Map<String, Object> kustomization) {
    Set<String> names = new TreeSet<>(strings(kustomization.get("resources")));
    for (Map<String, Object> generator : maps(kustomization.get("configMapGenerator"))) {
      names.addAll(strings(generator.get("files")));
    }
    for (Map<String, Object> patch : maps(kustomization.get("patches"))) {
      if (patch.get("path") != null) {
        names.add((String) patch.get("path"));
      }
    }
    return names;
  }

  private static String name(Map<String, Object> object) {
    return (String) map(object.get("metadata")).get("name");
  }

  private static String namespace(Map<String, Object> object) {
    String namespace = (String) map(object.get("metadata")).get("namespace");
    assertThat(namespace).as("namespace of %s", name(object)).isNotBlank();
    return namespace;
  }

  private static Set<String> leafKeys(String prefix, JsonObject tree) {
    Set<String> keys = new TreeSet<>();
    for (String name : tree.fieldNames()) {
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (tree.getValue(name) instanceof JsonObject child) {
        keys.addAll(leafKeys(key, child));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }

  private static Map<String, Object> loadOne(Path file) {
    return map(new Yaml().load(read(file)));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  /** A file standing for one a pod reads {@code variable}'s value from (a mounted Secret). */
  private static String placeholderFile(String variable) {
    try {
      Path file = Files.createTempFile("k8s-" + variable.toLowerCase(Locale.ROOT), ".value");
      file.toFile().deleteOnExit();
      Files.writeString(file, "placeholder-for-" + variable);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return value == null ? List.of() : (List<String>) value;
  }
}
