package dev.vertxshop.image;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An image tarball as {@code docker load} takes it (what {@code jib:buildTar} writes), unpacked the way a
 * container runtime does it: the layers one over the other in a root directory, and the configuration
 * that says what to run there. {@link #command} runs that configuration's entrypoint in the root
 * directory, with its environment, working directory and user, and a /proc of its own, so that what
 * the image would do in a container can be tried without a container runtime.
 *
 * <p>Whiteout files (deletions in an upper layer) are not applied: the offline image is built on the
 * empty scratch base, so no layer deletes anything.
 */
final class UnpackedImage {

  private final Path root;
  private final JsonObject config;
  private final List<Layer> layers;

  /** A layer: its file in the tarball, its size there (gzip-compressed) and what Jib calls it. */
  record Layer(String file, long compressedBytes, String description) {}

  private UnpackedImage(Path root, JsonObject config, List<Layer> layers) {
    this.root = root;
    this.config = config;
    this.layers = List.copyOf(layers);
  }

  /** Unpacks {@code tarball} into {@code directory} (emptied first): the tarball's files, then the root directory. */
  static UnpackedImage unpack(Path tarball, Path directory) throws IOException, InterruptedException {
    deleteRecursively(directory);
    Path files = Files.createDirectories(directory.resolve("tarball"));
    Path root = Files.createDirectories(directory.resolve("root"));
    run(List.of("tar", "-xf", tarball.toString(), "-C", files.toString()));

    JsonObject manifest = new JsonArray(Files.readString(files.resolve("manifest.json"))).getJsonObject(0);
    JsonObject imageConfig = new JsonObject(Files.readString(files.resolve(manifest.getString("Config"))));
    List<String> descriptions = imageConfig.getJsonArray("history", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .filter(entry -> !entry.getBoolean("empty_layer", false))
        .map(entry -> entry.getString("comment", entry.getString("created_by", "")))
        .toList();

    List<Layer> layers = new ArrayList<>();
    JsonArray layerFiles = manifest.getJsonArray("Layers");
    for (int i = 0; i < layerFiles.size(); i++) {
      Path layer = files.resolve(layerFiles.getString(i));
      // Jib writes libarchive's creation-time header; GNU tar does not know it and needs not.
      run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", layer.toString(), "-C", root.toString()));
      layers.add(new Layer(layerFiles.getString(i), Files.size(layer), i < descriptions.size() ? descriptions.get(i) : ""));
    }
    // Container runtimes mount /proc; the JVM needs it (its launcher finds its own libraries through /proc/self/exe).
    Files.createDirectories(root.resolve("proc"));
    return new UnpackedImage(root, imageConfig.getJsonObject("config"), layers);
  }

  Path root() {
    return root;
  }

  List<Layer> layers() {
    return layers;
  }

  List<String> entrypoint() {
    return strings(config.getJsonArray("Entrypoint", new JsonArray()));
  }

  String workingDirectory() {
    return config.getString("WorkingDir", "/");
  }

  /** The {@code User} of the configuration, {@code uid[:gid]}. */
  String user() {
    return config.getString("User", "0");
  }

  Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String entry : strings(config.getJsonArray("Env", new JsonArray()))) {
      int equals = entry.indexOf('=');
      environment.put(entry.substring(0, equals), entry.substring(equals + 1));
    }
    return environment;
  }

  List<String> exposedPorts() {
    return List.copyOf(config.getJsonObject("ExposedPorts", new JsonObject()).fieldNames());
  }

  /** The size of everything in the root directory, as a container sees it. */
  long unpackedBytes() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).mapToLong(UnpackedImage::size).sum();
    }
  }

  /**
   * What runs the entrypoint with {@code arguments} (instead of the configuration's {@code Cmd}) as a
   * container would: {@code unshare} gives it its own mount and PID namespaces with /proc mounted, then
   * changes root, working directory and user. The process it starts is {@code unshare}, whose only child
   * is the entrypoint; its exit status is the entrypoint's.
   */
  ProcessBuilder command(List<String> arguments, Map<String, String> extraEnvironment) throws IOException {
    List<String> command = new ArrayList<>(List.of("unshare"));
    boolean root = isRoot();
    if (!root) {
      // Without root, a user namespace in which this user is root; the image's user cannot be taken then.
      command.add("--map-root-user");
    }
    command.addAll(List.of("--mount", "--pid", "--fork", "--mount-proc=/proc",
        "--root=" + this.root, "--wd=" + workingDirectory()));
    if (root) {
      String[] user = user().split(":");
      command.add("--setuid=" + Integer.parseInt(user[0]));
      command.add("--setgid=" + Integer.parseInt(user.length > 1 ? user[1] : user[0]));
    }
    command.add("--");
    command.addAll(entrypoint());
    command.addAll(arguments.isEmpty() ? strings(config.getJsonArray("Cmd", new JsonArray())) : arguments);

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Only the image's environment: the entrypoint's first word is looked up on the image's PATH, inside the root.
    builder.environment().clear();
    builder.environment().putAll(environment());
    builder.environment().putAll(extraEnvironment);
    return builder;
  }

  private static boolean isRoot() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
