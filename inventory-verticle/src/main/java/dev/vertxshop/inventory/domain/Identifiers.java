package dev.vertxshop.inventory.domain;

import java.util.regex.Pattern;

/**
 * The shape of product and reservation ids (the same pattern as the HTTP contract): 1 to 64 letters,
 * digits, '.', '_' or '-', starting with a letter or a digit. Ids appear in URLs, so the shape keeps
 * them free of anything that would need escaping.
 */
public final class Identifiers {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Identifiers() {}

  public static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** Returns {@code id} when it has the id shape, otherwise throws naming {@code what}. */
  public static String requireValid(String what, String id) {
    if (!isValid(id)) {
      throw new InvalidInputException(
          what + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a digit");
    }
    return id;
  }
}
