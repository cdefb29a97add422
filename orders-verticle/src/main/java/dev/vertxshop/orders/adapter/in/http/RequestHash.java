package dev.vertxshop.orders.adapter.in.http;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The SHA-256 (hex) of a parsed request body in canonical form: object members sorted by name, no
 * white space, numbers without trailing zeros, so the same request hashes the same however it was
 * spelled. The card number enters the hash as its last four digits only: a hash of a whole card
 * number (with the rest of the request known) could be reversed by trying every number, and the
 * card number is never stored.
 */
final class RequestHash {

  private RequestHash() {}

  static String of(JsonObject body) {
    JsonObject masked = body.copy();
    JsonObject payment = masked.getValue("paymentMethod") instanceof JsonObject object ? object : null;
    if (payment != null && payment.getValue("cardNumber") instanceof String card && card.length() >= 4) {
      payment.put("cardNumber", "last4:" + card.substring(card.length() - 4));
    }
    StringBuilder canonical = new StringBuilder();
    write(masked, canonical);
    return sha256(canonical.toString());
  }

  /** The canonical form of a parsed JSON value. */
  static String canonical(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof JsonObject object) {
      out.append('{');
      String separator = "";
      for (String name : new TreeSet<>(object.fieldNames())) {
        out.append(separator).append(Json.encode(name)).append(':');
        write(object.getValue(name), out);
        separator = ",";
      }
      out.append('}');
    } else if (value instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array.getValue(i), out);
      }
      out.append(']');
    } else if (value instanceof Number number) {
      BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
      out.append(decimal.signum() == 0 ? "0" : decimal.toPlainString());
    } else {
      out.append(Json.encode(value));
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
