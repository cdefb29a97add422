package dev.vertxshop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The image that {@code jib:buildTar} wrote runs: its entrypoint, taken from the image configuration, is
 * started in the unpacked image as a container runtime would start it (see {@link UnpackedImage}), on
 * nothing from this machine but the kernel. Fraud is the service started because it needs no
 * PostgreSQL, Kafka or Redis.
 */
// In a thread of its own, so that a hung entrypoint fails the test: the thread reading its output is abandoned.
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ImageSmokeIT {

  private static final Path TARBALL = Path.of(System.getProperty("image.tarball", "target/jib-image.tar"));
  private static final Path UNPACKED = Path.of(System.getProperty("image.unpacked", "target/image-root"));

  private static UnpackedImage image;

  private Process running;

  @BeforeAll
  static void unpackImage() throws Exception {
    image = UnpackedImage.unpack(TARBALL, UNPACKED);
    System.out.printf("Image %s: %s as a tarball, %s unpacked%n", TARBALL, megabytes(Files.size(TARBALL)), megabytes(image.unpackedBytes()));
    for (UnpackedImage.Layer layer : image.layers()) {
      System.out.printf("  layer %-22s %s compressed%n", layer.description(), megabytes(layer.compressedBytes()));
    }
    System.out.println("  entrypoint " + String.join(" ", image.entrypoint()));
  }

  @AfterEach
  void stopWhatIsStillRunning() {
    if (running != null && running.isAlive()) {
      running.descendants().forEach(ProcessHandle::destroyForcibly);
      running.destroyForcibly();
    }
  }

  @Test
  void exposesTheServicesPortsAndRunsAsTheUserOfTheKubernetesManifests() {
    assertThat(image.exposedPorts()).contains("8081/tcp", "8084/tcp", "8086/tcp", "9090/tcp", "5701/tcp");
    assertThat(image.user()).isEqualTo("10001:10001");
  }

  @Test
  void printsTheVersionsOfTheShopVertxAndTheJavaRuntimeInTheImage() throws Exception {
    Result result = runToEnd(List.of("--version"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("vertx-shop 0.1.0", "Vert.x 5.", "Java 17.").doesNotContain("not packaged");
  }

  @Test
  void printsUsageWithTheServicesOption() throws Exception {
    Result result = runToEnd(List.of("--help"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("--services", "fraud");
  }

  @Test
  void startsFraudServesReadinessAndStopsWithStatusZeroOnSigterm() throws Exception {
    int httpPort = freePort();
    int grpcPort = freePort();
    Path log = UNPACKED.resolve("fraud.log");
    long started = System.nanoTime();
    running = image.command(List.of("--services", "fraud"),
            Map.of("FRAUD_HTTP_PORT", String.valueOf(httpPort), "FRAUD_GRPC_PORT", String.valueOf(grpcPort)))
        .redirectOutput(log.toFile())
        .start();

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
        .timeout(Duration.ofSeconds(5))
        .build();
    await("fraud ready in the image")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsMatching(e -> e instanceof IOException)
        .until(() -> {
          assertThat(running.isAlive()).as("the entrypoint is running; its output: %s", readQuietly(log)).isTrue();
          return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    long readyMillis = (System.nanoTime() - started) / 1_000_000;

    // The entrypoint is unshare's only child; ProcessHandle.destroy sends it SIGTERM, as docker stop and Kubernetes do.
    List<ProcessHandle> entrypoint = running.children().toList();
    assertThat(entrypoint).hasSize(1);
    if (isRoot()) {
      assertThat(uid(entrypoint.get(0))).as("the entrypoint's user").isEqualTo(10001);
    }
    entrypoint.get(0).destroy();
    boolean exited = running.waitFor(1, TimeUnit.MINUTES);

    String output = readQuietly(log);
    assertThat(exited).as(output).isTrue();
    assertThat(running.exitValue()).as(output).isZero();
    assertThat(output).contains("fraud listening on", "Stopped in");
    System.out.printf("fraud in the image: /health/ready answered 200 after %d ms; %s%n", readyMillis,
        output.lines().filter(line -> line.startsWith("All services ready")).findFirst().orElse(""));
  }

  private Result runToEnd(List<String> arguments) throws Exception {
    running = image.command(arguments, Map.of()).start();
    String output = new String(running.getInputStream().readAllBytes());
    assertThat(running.waitFor(1, TimeUnit.MINUTES)).as(output).isTrue();
    return new Result(running.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}

  private static boolean isRoot() throws IOException {
    return uid(ProcessHandle.current()) == 0;
  }

  private static int uid(ProcessHandle process) throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/" + process.pid()), "unix:uid");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1_000_000.0);
  }
}
