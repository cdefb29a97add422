package dev.vertxshop.grpcinterop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * async-profiler for a server JVM: its native library comes out of the {@code
 * tools.profiler:async-profiler} jar on this JVM's classpath and is loaded as an agent that profiles
 * from the JVM's start to its exit and then writes a flame graph.
 */
final class Profiler {

  private static final String LIBRARY = "linux-x64/libasyncProfiler.so";

  private Profiler() {}

  /** The {@code -agentpath:} option that profiles {@code event} into {@code flameGraph}. */
  static String agentArgument(String event, Path flameGraph) throws IOException {
    Files.createDirectories(flameGraph.toAbsolutePath().getParent());
    Path library = flameGraph.toAbsolutePath().getParent().resolve("libasyncProfiler.so");
    try (JarFile jar = new JarFile(profilerJar().toFile())) {
      ZipEntry entry = jar.getEntry(LIBRARY);
      if (entry == null) {
        throw new IllegalStateException("the async-profiler jar holds no " + LIBRARY + ": profiling needs Linux on x86-64");
      }
      try (InputStream in = jar.getInputStream(entry)) {
        Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return "-agentpath:" + library + "=start,event=" + event + ",file=" + flameGraph.toAbsolutePath();
  }

  private static Path profilerJar() {
    return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> entry.contains("async-profiler"))
        .map(Path::of)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("tools.profiler:async-profiler is not on the classpath"));
  }
}
