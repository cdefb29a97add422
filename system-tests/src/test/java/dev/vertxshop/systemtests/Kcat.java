package dev.vertxshop.systemtests;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code kcat}, a Kafka client outside the JVM (librdkafka): what any other client of the
 * cluster sees on a topic, and a way to write a record no service of the shop would write.
 */
final class Kcat {

  private static final long TIMEOUT_SECONDS = 60;

  private Kcat() {}

  /** One record as {@code kcat -J} prints it. */
  record Message(int partition, long offset, String key, Map<String, String> headers, String payload) {}

  /** Every record of {@code topic}, read from the beginning to the end (-o beginning -e -J). */
  static List<Message> consume(String bootstrapServers, String topic) {
    String output = run(null, "-b", bootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-J", "-q");
    List<Message> messages = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        messages.add(message(new JsonObject(line)));
      }
    }
    return messages;
  }

  /** Writes one record with {@code key} and {@code value} and no header (-P). */
  static void produce(String bootstrapServers, String topic, String key, String value) {
    run(key + "\t" + value + "\n", "-b", bootstrapServers, "-P", "-t", topic, "-K", "\t");
  }

  /** {@code kcat -J} prints the headers as one array of alternating names and values. */
  private static Message message(JsonObject json) {
    Map<String, String> headers = new LinkedHashMap<>();
    var list = json.getJsonArray("headers");
    if (list != null) {
      for (int i = 0; i + 1 < list.size(); i += 2) {
        headers.put(list.getString(i), list.getString(i + 1));
      }
    }
    return new Message(json.getInteger("partition"), json.getLong("offset"), json.getString("key"), headers, json.getString("payload"));
  }

  private static String run(String input, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("kcat");
    command.addAll(List.of(arguments));
    try {
      Path errors = Files.createTempFile("kcat", ".err");
      Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      if (input != null) {
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
      }
      String stderr = Files.readString(errors);
      Files.deleteIfExists(errors);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + stderr);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run kcat (Debian package kcat)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
