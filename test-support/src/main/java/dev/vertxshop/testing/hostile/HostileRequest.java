package dev.vertxshop.testing.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request as raw parts: method, request target (sent byte for byte, so it may hold anything),
 * headers (values may hold CR, LF or non-ASCII) and body bytes. {@code Host}, {@code Content-Length}
 * (when there is a body) and {@code Connection: close} are added unless the headers name them.
 */
public record HostileRequest(String method, byte[] target, Map<String, byte[]> headers, byte[] body) {

  public HostileRequest {
    headers = new LinkedHashMap<>(headers);
  }

  public static HostileRequest of(String method, String target, Map<String, String> headers, byte[] body) {
    Map<String, byte[]> raw = new LinkedHashMap<>();
    headers.forEach((name, value) -> raw.put(name, value.getBytes(StandardCharsets.UTF_8)));
    return new HostileRequest(method, target.getBytes(StandardCharsets.UTF_8), raw, body);
  }

  public HostileRequest withTarget(byte[] newTarget) {
    return new HostileRequest(method, newTarget, headers, body);
  }

  public HostileRequest withMethod(String newMethod) {
    return new HostileRequest(newMethod, target, headers, body);
  }

  public HostileRequest withBody(byte[] newBody) {
    return new HostileRequest(method, target, headers, newBody);
  }

  public HostileRequest withHeader(String name, byte[] value) {
    Map<String, byte[]> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new HostileRequest(method, target, copy, body);
  }

  /** The request as it goes on the wire to {@code hostAndPort}. */
  public byte[] bytes(String hostAndPort) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, method + " ");
    out.writeBytes(target);
    write(out, " HTTP/1.1\r\n");
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put("Host", hostAndPort.getBytes(StandardCharsets.US_ASCII));
    all.putAll(headers);
    if (body != null && all.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Length"))) {
      all.put("Content-Length", Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
    }
    all.put("Connection", "close".getBytes(StandardCharsets.US_ASCII));
    all.forEach((name, value) -> {
      write(out, name + ": ");
      out.writeBytes(value);
      write(out, "\r\n");
    });
    write(out, "\r\n");
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A short description for failure messages. */
  @Override
  public String toString() {
    String shownTarget = new String(target, StandardCharsets.UTF_8);
    String shownBody = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    Map<String, String> shownHeaders = new LinkedHashMap<>();
    headers.forEach((name, value) -> shownHeaders.put(name, abbreviate(new String(value, StandardCharsets.UTF_8))));
    return method + " " + abbreviate(shownTarget) + " " + shownHeaders + " body(" + (body == null ? 0 : body.length) + " bytes)="
        + abbreviate(shownBody);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + " chars)";
  }
}
