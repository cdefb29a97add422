package dev.vertxshop.inventory.application;

import dev.vertxshop.inventory.domain.Product;
import dev.vertxshop.inventory.domain.ProductDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The products a fresh shop starts with, from the classpath resource {@value #RESOURCE}. Seeding only
 * inserts products that do not exist yet, so a restart never resets stock that orders have moved.
 */
public final class DemoCatalogue {

  public static final String RESOURCE = "demo-catalogue.json";
  private static final Logger LOG = LoggerFactory.getLogger(DemoCatalogue.class);

  private DemoCatalogue() {}

  /** Reads the catalogue and inserts its missing products; answers how many were inserted. */
  public static Future<Integer> seed(Vertx vertx, InventoryStore store) {
    return vertx.fileSystem().readFile(RESOURCE)
        .map(DemoCatalogue::parse)
        .compose(store::insertMissing)
        .onSuccess(inserted -> LOG.info("Demo catalogue: {} products inserted", inserted));
  }

  /** The products of a catalogue document: a JSON array of {productId, name, priceCents, available}. */
  public static List<Product> parse(Buffer document) {
    JsonArray entries = document.toJsonArray();
    List<Product> products = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      JsonObject entry = entries.getJsonObject(i);
      products.add(Product.from(new ProductDefinition(
          entry.getString("productId"), entry.getString("name"), entry.getLong("priceCents"), entry.getLong("available"))));
    }
    return products;
  }
}
