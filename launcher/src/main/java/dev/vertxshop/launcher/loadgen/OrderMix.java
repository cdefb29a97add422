package dev.vertxshop.launcher.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The orders of a run and the catalogue they need. Every choice comes from one random sequence
 * seeded by {@code --seed}, so the same seed gives the same orders in the same sequence: a run can
 * be repeated, and a test can count what the mix produced.
 *
 * <p>An order is one of three kinds, drawn independently for each order: paid with the card the
 * test card network declines ({@code declinedShare}), for the product seeded with no stock
 * ({@code outOfStockShare}), or an ordinary order (1 to 3 seeded products, 1 or 2 of each, an
 * approved card) that the shop should confirm. Separately, a share of orders is marked to be sent a
 * second time with the same {@code Idempotency-Key}.
 */
public final class OrderMix {

  /** Every product the load generator seeds starts with this, so they are easy to recognise and delete. */
  public static final String PRODUCT_PREFIX = "loadgen-";
  /** The product seeded with no stock: ordering it is always rejected {@code insufficient-stock}. */
  public static final String SOLD_OUT_PRODUCT = PRODUCT_PREFIX + "sold-out";
  /** Stock of every ordinary product, set again at each seeding (the API's maximum). */
  public static final int AMPLE_STOCK = 1_000_000_000;
  /** Declined by the test card network with {@code card_declined} (see the README's test cards). */
  public static final String DECLINED_CARD = "4000000000000002";
  /** Approved by the test card network. */
  static final List<String> APPROVED_CARDS = List.of("4242424242424242", "5555555555554444");
  /** Orders come from this many customers, so that no one customer looks like a burst to fraud screening. */
  static final int CUSTOMERS = 10_000;

  /** What an order is expected to end as. */
  public enum Kind { ORDINARY, DECLINED_CARD, OUT_OF_STOCK }

  /** A product to seed through inventory's {@code PUT /api/products/{id}}. */
  public record Product(String id, String name, int priceCents, int available) {
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("priceCents", priceCents).put("available", available);
    }
  }

  /** One line of an order. */
  public record Item(String productId, int quantity) {}

  /** One order to place, and whether it is to be repeated with the same Idempotency-Key. */
  public record PlannedOrder(Kind kind, String customerId, List<Item> items, String cardNumber, boolean resend) {
    public PlannedOrder {
      items = List.copyOf(items);
    }

    /** The body of {@code POST /api/orders}. */
    public JsonObject toJson() {
      JsonArray lines = new JsonArray();
      items.forEach(item -> lines.add(new JsonObject().put("productId", item.productId()).put("quantity", item.quantity())));
      return new JsonObject()
          .put("customerId", customerId)
          .put("email", customerId + "@loadgen.example")
          .put("items", lines)
          .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", cardNumber));
    }
  }

  private final LoadPlan.MixSettings settings;
  private final List<Product> catalogue;
  private final SplittableRandom random;

  public OrderMix(LoadPlan.MixSettings settings) {
    this.settings = settings;
    this.catalogue = catalogue(settings.products());
    this.random = new SplittableRandom(settings.seed());
  }

  /** The ordinary products (ample stock, prices from 2.99 to 14.98) and the sold-out one, in seeding order. */
  public List<Product> catalogue() {
    List<Product> all = new ArrayList<>(catalogue);
    all.add(new Product(SOLD_OUT_PRODUCT, "Load generator: sold out", 999, 0));
    return all;
  }

  private static List<Product> catalogue(int count) {
    List<Product> products = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      // Varied prices, yet a whole order (at most 3 lines of 2) stays below 100.00: under payments'
      // default fail-open limit, so that a slow fraud check lets it through rather than declining it.
      int priceCents = 299 + (i * 137) % 1200;
      products.add(new Product(String.format("%sproduct-%05d", PRODUCT_PREFIX, i), "Load generator product " + i, priceCents, AMPLE_STOCK));
    }
    return List.copyOf(products);
  }

  /** The next order of the sequence. Not thread-safe: one run draws its orders on one thread. */
  public PlannedOrder next() {
    double draw = random.nextDouble();
    Kind kind = draw < settings.declinedShare() ? Kind.DECLINED_CARD
        : draw < settings.declinedShare() + settings.outOfStockShare() ? Kind.OUT_OF_STOCK
        : Kind.ORDINARY;
    String customerId = "loadgen-customer-" + random.nextInt(CUSTOMERS);
    List<Item> items = ordinaryItems();
    if (kind == Kind.OUT_OF_STOCK) {
      items.add(0, new Item(SOLD_OUT_PRODUCT, 1));
    }
    String card = kind == Kind.DECLINED_CARD ? DECLINED_CARD : APPROVED_CARDS.get(random.nextInt(APPROVED_CARDS.size()));
    boolean resend = random.nextDouble() < settings.idempotencyRetryShare();
    return new PlannedOrder(kind, customerId, items, card, resend);
  }

  private List<Item> ordinaryItems() {
    int lines = Math.min(catalogue.size(), 1 + random.nextInt(3));
    List<Item> items = new ArrayList<>(lines);
    int first = random.nextInt(catalogue.size());
    // Consecutive products from a random start: distinct without a retry loop.
    for (int i = 0; i < lines; i++) {
      items.add(new Item(catalogue.get((first + i) % catalogue.size()).id(), 1 + random.nextInt(2)));
    }
    return items;
  }
}
