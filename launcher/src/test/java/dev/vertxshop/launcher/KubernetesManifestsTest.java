package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the kustomize base under {@code k8s/base} as plain YAML (no kubectl needed) and checks it
 * against the launcher's own list of services and against {@code conf/application.yaml}: probe
 * ports, credentials, security settings and the calls the NetworkPolicies let through.
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("..", "k8s");
  private static final Path BASE = K8S.resolve("base");
  private static final Path DEFAULTS = Path.of("..", "conf", "application.yaml");
  private static final String IMAGE = "vertx-shop:0.1.0";
  private static final String SECRET = "vertx-shop-credentials";
  private static final String ENV_CONFIG_MAP = "vertx-shop-env";
  private static final String FILE_CONFIG_MAP = "vertx-shop-config";
  /** Variables read by the launcher or the JVM rather than mapped to a configuration key. */
  private static final Set<String> NON_KEY_VARIABLES = Set.of("SHOP_CONFIG_FILE", "JAVA_TOOL_OPTIONS");
  /** The launcher's time for undeploying the services, beyond the pre-stop delay and the drain. */
  private static final long UNDEPLOY_MILLIS = RunningShop.UNDEPLOY_TIMEOUT_SECONDS * 1000;

  private static Map<String, Object> kustomization;
  private static List<Map<String, Object>> objects;
  private static Map<String, Object> defaults;
  private static Map<String, Object> kubernetesConfig;

  @BeforeAll
  static void loadBase() {
    kustomization = loadOne(BASE.resolve("kustomization.yaml"));
    objects = new ArrayList<>();
    for (String resource : strings(kustomization.get("resources"))) {
      objects.addAll(loadAll(BASE.resolve(resource)));
    }
    defaults = loadOne(DEFAULTS);
    kubernetesConfig = loadOne(BASE.resolve(configFileName()));
  }

  @Test
  void kustomizationListsEveryFileOfTheBase() throws IOException {
    Set<String> listed = new TreeSet<>(strings(kustomization.get("resources")));
    for (Map<String, Object> generator : maps(kustomization.get("configMapGenerator"))) {
      listed.addAll(strings(generator.get("files")));
    }
    Set<String> present;
    try (Stream<Path> files = Files.list(BASE)) {
      present = files.map(file -> file.getFileName().toString())
          .filter(name -> !name.equals("kustomization.yaml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }

    assertThat(listed).isEqualTo(present);
  }

  @Test
  void everyServiceRunsTheOneImageWithItsOwnServicesFlag() {
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Map<String, Object> container = container(service);

      assertThat(container.get("image")).as(service.name()).isEqualTo(IMAGE);
      assertThat(strings(container.get("args"))).as(service.name()).containsExactly("--services", service.name());
    }
  }

  @Test
  void probesAskTheHealthEndpointsOnThePortsTheServicesListenOn() {
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Map<String, Object> container = container(service);
      int httpPort = defaultInt(service.portKey());

      assertThat(containerPort(container, "http")).as(service.name()).isEqualTo(httpPort);
      assertHttpProbe(service, container, "startupProbe", "/health/started", httpPort);
      assertHttpProbe(service, container, "livenessProbe", "/health/live", httpPort);
      if (service.name().equals("fraud")) {
        int grpcPort = defaultInt("fraud.grpc.port");
        assertThat(containerPort(container, "grpc")).isEqualTo(grpcPort);
        assertThat(map(map(container.get("readinessProbe")).get("grpc")).get("port")).isEqualTo(grpcPort);
      } else {
        assertHttpProbe(service, container, "readinessProbe", "/health/ready", httpPort);
      }
    }
  }

  @Test
  void everyContainerRequestsAndIsLimitedInCpuAndMemory() {
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Map<String, Object> resources = map(container(service).get("resources"));

      assertThat(map(resources.get("requests"))).as(service.name()).containsKeys("cpu", "memory");
      assertThat(map(resources.get("limits"))).as(service.name()).containsKeys("cpu", "memory");
    }
  }

  @Test
  void podsRunAsNonRootWithAReadOnlyRootFilesystemAndNoPrivileges() {
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Map<String, Object> pod = podSpec(service);
      Map<String, Object> podSecurity = map(pod.get("securityContext"));
      Map<String, Object> container = container(service);
      Map<String, Object> containerSecurity = map(container.get("securityContext"));

      assertThat(podSecurity).as(service.name()).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
      assertThat(map(podSecurity.get("seccompProfile"))).as(service.name()).containsEntry("type", "RuntimeDefault");
      assertThat(containerSecurity).as(service.name())
          .containsEntry("readOnlyRootFilesystem", true)
          .containsEntry("allowPrivilegeEscalation", false);
      assertThat(strings(map(containerSecurity.get("capabilities")).get("drop"))).as(service.name()).containsExactly("ALL");
      String tmpVolume = volumeMountedAt(container, "/tmp").orElseThrow(() -> new AssertionError(service.name() + ": nothing at /tmp"));
      assertThat(volume(pod, tmpVolume)).as(service.name()).containsKey("emptyDir");
    }
  }

  @Test
  void terminationGraceOutlastsThePreStopDelayTheDrainAndTheUndeploy() {
    long preStopDelay = configuredLong("shutdown.pre-stop-delay-ms");
    long drain = configuredLong("shutdown.drain-timeout-ms");

    assertThat(preStopDelay).isEqualTo(5000);
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      long graceMillis = ((Number) podSpec(service).get("terminationGracePeriodSeconds")).longValue() * 1000;

      assertThat(graceMillis).as(service.name()).isGreaterThan(preStopDelay + drain + UNDEPLOY_MILLIS - 1);
    }
  }

  @Test
  void everyServiceReadsTheMountedConfigurationFileAndTheSharedEnvironment() {
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Map<String, Object> pod = podSpec(service);
      Map<String, Object> container = container(service);
      String mountPath = volumeMountPath(container, volumeOfConfigMap(pod, FILE_CONFIG_MAP));

      assertThat(plainEnv(container)).as(service.name())
          .containsEntry("SHOP_CONFIG_FILE", mountPath + "/" + configFileName());
      assertThat(maps(container.get("envFrom")))
          .extracting(source -> map(source.get("configMapRef")).get("name"))
          .as(service.name())
          .contains(ENV_CONFIG_MAP);
    }
  }

  @Test
  void everyVariableAndFileKeyIsOneTheServicesRead() {
    Set<String> keyVariables = leafKeys(defaults).stream().map(KubernetesManifestsTest::variableOf).collect(Collectors.toSet());
    Set<String> variables = new TreeSet<>(environmentConfigMap().keySet());
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      maps(container(service).get("env")).forEach(variable -> variables.add((String) variable.get("name")));
    }
    variables.removeAll(NON_KEY_VARIABLES);

    assertThat(keyVariables).containsAll(variables);
    assertThat(leafKeys(defaults)).containsAll(leafKeys(kubernetesConfig));
  }

  @Test
  void noServiceFallsBackToAnEmbeddedServer() {
    Map<String, String> shared = environmentConfigMap();
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Set<String> variables = new TreeSet<>(shared.keySet());
      variables.addAll(plainEnv(container(service)).keySet());
      variables.addAll(secretEnv(container(service)).keySet());

      if (service.needs(Infrastructure.POSTGRESQL)) {
        assertThat(variables).as(service.name()).contains("PG_HOST");
      }
      if (service.needs(Infrastructure.KAFKA)) {
        assertThat(variables).as(service.name()).contains("KAFKA_BOOTSTRAP_SERVERS");
      }
      if (service.needs(Infrastructure.REDIS)) {
        assertThat(variables).as(service.name()).contains("REDIS_URL");
      }
      if (service.needs(Infrastructure.SMTP)) {
        assertThat(variables).as(service.name()).contains("NOTIFICATIONS_SMTP_HOST");
      }
    }
  }

  @Test
  void credentialsComeFromTheSecret() {
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Map<String, String> secrets = secretEnv(container(service));
      Set<String> expected = new TreeSet<>();
      if (service.needs(Infrastructure.POSTGRESQL)) {
        expected.add("PG_PASSWORD");
      }
      if (service.needs(Infrastructure.REDIS)) {
        expected.add("REDIS_URL");
      }
      if (service.needs(Infrastructure.SMTP)) {
        expected.add("NOTIFICATIONS_SMTP_PASSWORD");
      }

      assertThat(secrets.keySet()).as(service.name()).isEqualTo(expected);
      assertThat(plainEnv(container(service))).as(service.name())
          .doesNotContainKeys("PG_PASSWORD", "PG_URL", "REDIS_URL", "NOTIFICATIONS_SMTP_PASSWORD");
    }
    assertThat(environmentConfigMap())
        .doesNotContainKeys("PG_PASSWORD", "PG_URL", "REDIS_URL", "NOTIFICATIONS_SMTP_PASSWORD");
    assertThat(objects).noneMatch(object -> "Secret".equals(object.get("kind")));
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
  void everyServiceHasAClusterIpServiceOnItsPorts() {
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Map<String, Object> spec = map(object("Service", service.name()).get("spec"));
      Set<Integer> expected = new TreeSet<>(Set.of(defaultInt(service.portKey())));
      if (service.name().equals("fraud")) {
        expected.add(defaultInt("fraud.grpc.port"));
      }

      assertThat(spec.getOrDefault("type", "ClusterIP")).as(service.name()).isEqualTo("ClusterIP");
      assertThat(maps(spec.get("ports")).stream().map(port -> (Integer) port.get("port")).collect(Collectors.toSet()))
          .as(service.name()).isEqualTo(expected);
      assertThat(selects(map(spec.get("selector")), podLabels(service))).as(service.name()).isTrue();
    }
  }

  @Test
  void everyServiceScalesOnCpuAndKeepsAPodThroughDisruptions() {
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      Map<String, Object> hpa = map(object("HorizontalPodAutoscaler", service.name()).get("spec"));
      Map<String, Object> pdb = map(object("PodDisruptionBudget", service.name()).get("spec"));

      assertThat(map(hpa.get("scaleTargetRef"))).as(service.name())
          .containsEntry("kind", "Deployment").containsEntry("name", service.name());
      assertThat(maps(hpa.get("metrics")))
          .extracting(metric -> map(metric.get("resource")).get("name"))
          .as(service.name())
          .containsExactly("cpu");
      assertThat(pdb.get("minAvailable")).as(service.name()).isEqualTo(1);
      assertThat(selects(map(map(pdb.get("selector")).get("matchLabels")), podLabels(service))).as(service.name()).isTrue();
    }
  }

  @Test
  void aHeadlessServiceFindsEveryPodForTheClusteredMode() {
    Map<String, Object> spec = map(object("Service", "vertx-shop-cluster").get("spec"));

    assertThat(spec).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
    assertThat(maps(spec.get("ports"))).extracting(port -> port.get("port")).containsExactly(5701);
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      assertThat(selects(map(spec.get("selector")), podLabels(service))).as(service.name()).isTrue();
    }
  }

  @Test
  void networkPoliciesAllowExactlyTheCallsTheArchitectureMakes() {
    List<Map<String, Object>> policies = objects.stream().filter(object -> "NetworkPolicy".equals(object.get("kind"))).toList();
    Set<String> expected = new TreeSet<>(Set.of(
        "anyone -> orders:" + defaultInt("orders.http.port"),
        "orders -> inventory:" + defaultInt("inventory.http.port"),
        "orders -> payments:" + defaultInt("payments.http.port"),
        "payments -> fraud:" + defaultInt("fraud.grpc.port")));
    for (ServiceDefinition<?, ?> service : Services.ALL) {
      expected.add("namespace monitoring -> " + service.name() + ":" + defaultInt(service.portKey()));
      // Hazelcast, prepared for the clustered mode: members reach each other.
      for (ServiceDefinition<?, ?> member : Services.ALL) {
        expected.add(member.name() + " -> " + service.name() + ":5701");
      }
    }

    assertThat(policies).anySatisfy(policy -> {
      Map<String, Object> spec = map(policy.get("spec"));
      assertThat(map(spec.get("podSelector"))).isEmpty();
      assertThat(strings(spec.get("policyTypes"))).containsExactly("Ingress");
      assertThat(spec.get("ingress")).isNull();
    });
    assertThat(allowedCalls(policies)).isEqualTo(expected);
  }

  /** Every "source -> service:port" that some policy allows, named ports resolved per pod. */
  private static Set<String> allowedCalls(List<Map<String, Object>> policies) {
    Set<String> calls = new TreeSet<>();
    for (Map<String, Object> policy : policies) {
      Map<String, Object> spec = map(policy.get("spec"));
      assertThat(strings(spec.get("policyTypes"))).as("policy %s", name(policy)).containsExactly("Ingress");
      for (ServiceDefinition<?, ?> target : Services.ALL) {
        if (!matches(map(spec.get("podSelector")), podLabels(target))) {
          continue;
        }
        for (Map<String, Object> rule : maps(spec.get("ingress"))) {
          List<String> sources = sources(policy, rule);
          for (Map<String, Object> port : maps(rule.get("ports"))) {
            int number = port.get("port") instanceof Integer value ? value : containerPort(container(target), (String) port.get("port"));
            sources.forEach(source -> calls.add(source + " -> " + target.name() + ":" + number));
          }
        }
      }
    }
    return calls;
  }

  private static List<String> sources(Map<String, Object> policy, Map<String, Object> rule) {
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
        Services.ALL.stream().filter(source -> matches(selector, podLabels(source))).forEach(source -> sources.add(source.name()));
      }
    }
    return sources;
  }

  /** A label selector with only matchLabels (the only kind the base uses) against pod labels. */
  private static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
    assertThat(selector.keySet()).isSubsetOf("matchLabels");
    return selects(map(selector.get("matchLabels")), labels);
  }

  private static boolean selects(Map<String, Object> wanted, Map<String, Object> labels) {
    return labels.entrySet().containsAll(wanted.entrySet());
  }

  private static void assertHttpProbe(ServiceDefinition<?, ?> service, Map<String, Object> container, String probe, String path, int port) {
    Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
    Object probePort = httpGet.get("port");
    int resolved = probePort instanceof Integer number ? number : containerPort(container, (String) probePort);

    assertThat(httpGet.get("path")).as("%s %s", service.name(), probe).isEqualTo(path);
    assertThat(resolved).as("%s %s", service.name(), probe).isEqualTo(port);
  }

  private static Map<String, Object> deployment(ServiceDefinition<?, ?> service) {
    return object("Deployment", service.name());
  }

  private static Map<String, Object> podTemplate(ServiceDefinition<?, ?> service) {
    return map(map(deployment(service).get("spec")).get("template"));
  }

  private static Map<String, Object> podSpec(ServiceDefinition<?, ?> service) {
    return map(podTemplate(service).get("spec"));
  }

  private static Map<String, Object> podLabels(ServiceDefinition<?, ?> service) {
    return map(map(podTemplate(service).get("metadata")).get("labels"));
  }

  private static Map<String, Object> container(ServiceDefinition<?, ?> service) {
    List<Map<String, Object>> containers = maps(podSpec(service).get("containers"));
    assertThat(containers).as(service.name()).hasSize(1);
    return containers.get(0);
  }

  private static int containerPort(Map<String, Object> container, String name) {
    return maps(container.get("ports")).stream()
        .filter(port -> name.equals(port.get("name")))
        .map(port -> (Integer) port.get("containerPort"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + name + " in " + container.get("name")));
  }

  private static Optional<String> volumeMountedAt(Map<String, Object> container, String path) {
    return maps(container.get("volumeMounts")).stream()
        .filter(mount -> path.equals(mount.get("mountPath")))
        .map(mount -> (String) mount.get("name"))
        .findFirst();
  }

  private static String volumeMountPath(Map<String, Object> container, String volume) {
    return maps(container.get("volumeMounts")).stream()
        .filter(mount -> volume.equals(mount.get("name")))
        .map(mount -> (String) mount.get("mountPath"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("volume " + volume + " is not mounted in " + container.get("name")));
  }

  private static Map<String, Object> volume(Map<String, Object> pod, String name) {
    return maps(pod.get("volumes")).stream()
        .filter(volume -> name.equals(volume.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static String volumeOfConfigMap(Map<String, Object> pod, String configMap) {
    return maps(pod.get("volumes")).stream()
        .filter(volume -> volume.get("configMap") != null && configMap.equals(map(volume.get("configMap")).get("name")))
        .map(volume -> (String) volume.get("name"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume of ConfigMap " + configMap));
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
      Object from = variable.get("valueFrom");
      if (from != null && map(from).get("secretKeyRef") != null) {
        Map<String, Object> ref = map(map(from).get("secretKeyRef"));
        assertThat(ref.get("name")).as("Secret of %s", variable.get("name")).isEqualTo(SECRET);
        env.put((String) variable.get("name"), (String) ref.get("key"));
      }
    }
    return env;
  }

  private static Map<String, String> environmentConfigMap() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String literal : strings(generator(ENV_CONFIG_MAP).get("literals"))) {
      int equals = literal.indexOf('=');
      env.put(literal.substring(0, equals), literal.substring(equals + 1));
    }
    return env;
  }

  private static String configFileName() {
    List<String> files = strings(generator(FILE_CONFIG_MAP).get("files"));
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  private static Map<String, Object> generator(String name) {
    return maps(kustomization.get("configMapGenerator")).stream()
        .filter(generator -> name.equals(generator.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no configMapGenerator " + name));
  }

  private static Map<String, Object> object(String kind, String name) {
    List<Map<String, Object>> found = objects.stream()
        .filter(object -> kind.equals(object.get("kind")) && name.equals(name(object)))
        .toList();
    assertThat(found).as("%s %s", kind, name).hasSize(1);
    return found.get(0);
  }

  private static String name(Map<String, Object> object) {
    return (String) map(object.get("metadata")).get("name");
  }

  /** A value of the Kubernetes configuration file if it sets one, else the built-in default. */
  private static long configuredLong(String key) {
    Object value = lookup(kubernetesConfig, key).or(() -> lookup(defaults, key))
        .orElseThrow(() -> new AssertionError("no key " + key));
    return ((Number) value).longValue();
  }

  private static int defaultInt(String key) {
    return (Integer) lookup(defaults, key).orElseThrow(() -> new AssertionError("no key " + key + " in " + DEFAULTS));
  }

  private static Optional<Object> lookup(Map<String, Object> tree, String key) {
    Object node = tree;
    for (String part : key.split("\\.")) {
      if (!(node instanceof Map<?, ?> branch) || !branch.containsKey(part)) {
        return Optional.empty();
      }
      node = branch.get(part);
    }
    return Optional.of(node);
  }

  private static Set<String> leafKeys(Map<String, Object> tree) {
    Set<String> keys = new TreeSet<>();
    collectLeafKeys("", tree, keys);
    return keys;
  }

  private static void collectLeafKeys(String prefix, Map<String, Object> tree, Set<String> keys) {
    tree.forEach((key, value) -> {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (value instanceof Map<?, ?>) {
        collectLeafKeys(path, map(value), keys);
      } else {
        keys.add(path);
      }
    });
  }

  /** The environment variable of a configuration key, as the configuration loader maps it. */
  private static String variableOf(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Map<String, Object> loadOne(Path file) {
    List<Map<String, Object>> documents = loadAll(file);
    assertThat(documents).as(file.toString()).hasSize(1);
    return documents.get(0);
  }

  private static List<Map<String, Object>> loadAll(Path file) {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : new Yaml().loadAll(reader)) {
        if (document != null) {
          documents.add(map(document));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
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
