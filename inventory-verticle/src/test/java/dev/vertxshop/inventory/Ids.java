package dev.vertxshop.inventory;

import java.util.UUID;

/** Fresh ids, so that every test works on data of its own. */
public final class Ids {

  private Ids() {}

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
