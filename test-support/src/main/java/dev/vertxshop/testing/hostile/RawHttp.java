package dev.vertxshop.testing.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that writes exactly the bytes it is given, so a test can send what no
 * well-behaved client would: invalid UTF-8 in the path, bare CR or LF in a header, oversized lines,
 * a body that lies about its encoding. Each request goes on a new connection with {@code Connection:
 * close}, and the answer is read to the end of the stream.
 */
public final class RawHttp {

  private static final int TIMEOUT_MS = 10_000;

  private final String host;
  private final int port;

  public RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Sends {@code request} (see {@link HostileRequest#bytes}) and reads the whole answer. */
  public RawResponse send(HostileRequest request) {
    try {
      return send(request.bytes(host + ":" + port));
    } catch (UncheckedIOException e) {
      throw new AssertionError("no answer (" + e.getCause() + ") to " + request, e);
    }
  }

  /** Writes {@code bytes} as they are and reads the whole answer. */
  public RawResponse send(byte[] bytes) {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
      } catch (SocketException e) {
        // The server may answer and close before it read everything (a body over the limit); the
        // answer is still there to read.
      }
      return RawResponse.parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        all.write(chunk, 0, n);
      }
    } catch (SocketException e) {
      // A reset after the answer was written: keep what arrived.
    }
    return all.toByteArray();
  }

  /** One answer: its status, headers (names in lower case) and body (chunked encoding undone). */
  public record RawResponse(int status, Map<String, String> headers, byte[] body, String raw) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    static RawResponse parse(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.") || headEnd < 0) {
        throw new AssertionError("not an HTTP answer: '" + abbreviate(text) + "'");
      }
      String[] lines = text.substring(0, headEnd).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
      }
      byte[] body = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = dechunk(body);
      } else if (headers.containsKey("content-length")) {
        body = Arrays.copyOf(body, Math.min(body.length, Integer.parseInt(headers.get("content-length"))));
      }
      return new RawResponse(status, headers, body, abbreviate(text));
    }

    private static byte[] dechunk(byte[] chunked) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int at = 0;
      while (at < chunked.length) {
        int lineEnd = indexOfCrlf(chunked, at);
        if (lineEnd < 0) {
          break;
        }
        String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
        int size = Integer.parseInt(sizeLine, 16);
        if (size == 0) {
          break;
        }
        out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
        at = lineEnd + 2 + size + 2;
      }
      return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
      for (int i = from; i + 1 < bytes.length; i++) {
        if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
          return i;
        }
      }
      return -1;
    }

    private static String abbreviate(String text) {
      return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }
  }
}
