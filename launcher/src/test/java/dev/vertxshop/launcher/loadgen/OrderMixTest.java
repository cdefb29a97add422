package dev.vertxshop.launcher.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vertxshop.launcher.loadgen.OrderMix.Kind;
import dev.vertxshop.launcher.loadgen.OrderMix.PlannedOrder;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orders a run places: their proportions, their contents and their repeatability. */
class OrderMixTest {

  private static final int ORDERS = 20_000;

  @Test
  void theSameSeedGivesTheSameOrdersAndAnotherSeedOthers() {
    List<JsonObject> first = bodies(new OrderMix(settings(0.05, 0.02, 0.1, 7)), 500);
    List<JsonObject> again = bodies(new OrderMix(settings(0.05, 0.02, 0.1, 7)), 500);
    List<JsonObject> otherSeed = bodies(new OrderMix(settings(0.05, 0.02, 0.1, 8)), 500);

    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void declinedCardsSoldOutItemsAndRepeatsComeInTheConfiguredShares() {
    OrderMix mix = new OrderMix(settings(0.05, 0.02, 0.1, 1));
    Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    int resends = 0;
    for (int i = 0; i < ORDERS; i++) {
      PlannedOrder order = mix.next();
      kinds.merge(order.kind(), 1, Integer::sum);
      resends += order.resend() ? 1 : 0;
    }

    // Binomial spread at 20,000 draws: about 0.0015 for 5 %, 0.001 for 2 %, 0.002 for 10 %.
    assertThat(share(kinds.get(Kind.DECLINED_CARD))).isCloseTo(0.05, within(0.006));
    assertThat(share(kinds.get(Kind.OUT_OF_STOCK))).isCloseTo(0.02, within(0.004));
    assertThat(share(resends)).isCloseTo(0.1, within(0.008));
    assertThat(share(kinds.get(Kind.ORDINARY))).isCloseTo(0.93, within(0.008));
  }

  @Test
  void noShareMeansNoneAndAWholeShareMeansEvery() {
    OrderMix ordinary = new OrderMix(settings(0, 0, 0, 3));
    OrderMix allDeclined = new OrderMix(settings(1, 0, 1, 3));
    for (int i = 0; i < 1000; i++) {
      PlannedOrder plain = ordinary.next();
      assertThat(plain.kind()).isEqualTo(Kind.ORDINARY);
      assertThat(plain.resend()).isFalse();
      PlannedOrder declined = allDeclined.next();
      assertThat(declined.kind()).isEqualTo(Kind.DECLINED_CARD);
      assertThat(declined.resend()).isTrue();
    }
  }

  @Test
  void eachKindOfOrderCarriesWhatMakesTheShopAnswerAsExpected() {
    OrderMix mix = new OrderMix(settings(0.3, 0.3, 0, 5));
    for (int i = 0; i < 2000; i++) {
      PlannedOrder order = mix.next();
      List<String> products = order.items().stream().map(OrderMix.Item::productId).toList();
      assertThat(products).allMatch(id -> id.startsWith(OrderMix.PRODUCT_PREFIX)).doesNotHaveDuplicates().hasSizeBetween(1, 4);
      assertThat(order.items()).allMatch(item -> item.quantity() >= 1 && item.quantity() <= 2);
      switch (order.kind()) {
        case DECLINED_CARD -> {
          assertThat(order.cardNumber()).isEqualTo(OrderMix.DECLINED_CARD);
          assertThat(products).doesNotContain(OrderMix.SOLD_OUT_PRODUCT);
        }
        case OUT_OF_STOCK -> {
          assertThat(order.cardNumber()).isIn(OrderMix.APPROVED_CARDS);
          assertThat(products).contains(OrderMix.SOLD_OUT_PRODUCT);
        }
        case ORDINARY -> {
          assertThat(order.cardNumber()).isIn(OrderMix.APPROVED_CARDS);
          assertThat(products).doesNotContain(OrderMix.SOLD_OUT_PRODUCT);
        }
      }
    }
  }

  @Test
  void anOrderBodyIsWhatTheOrdersApiTakes() {
    JsonObject body = new OrderMix(settings(0, 0, 0, 1)).next().toJson();

    assertThat(body.fieldNames()).containsExactlyInAnyOrder("customerId", "email", "items", "paymentMethod");
    assertThat(body.getString("customerId")).matches("^[A-Za-z0-9][A-Za-z0-9._@-]*$");
    assertThat(body.getString("email")).matches("^[^@\\s]+@[^@\\s]+$");
    JsonObject item = body.getJsonArray("items").getJsonObject(0);
    assertThat(item.fieldNames()).containsExactlyInAnyOrder("productId", "quantity");
    assertThat(body.getJsonObject("paymentMethod")).isEqualTo(new JsonObject().put("type", "card").put("cardNumber", body
        .getJsonObject("paymentMethod").getString("cardNumber")));
  }

  @Test
  void theCatalogueHasTheProductsAskedForWithAmpleStockAndOneSoldOut() {
    List<OrderMix.Product> catalogue = new OrderMix(settings(0, 0, 0, 1)).catalogue();

    assertThat(catalogue).hasSize(21);
    assertThat(catalogue).extracting(OrderMix.Product::id).allMatch(id -> id.startsWith("loadgen-")).doesNotHaveDuplicates();
    assertThat(catalogue.subList(0, 20)).allMatch(product -> product.available() == OrderMix.AMPLE_STOCK);
    assertThat(catalogue.get(20).id()).isEqualTo(OrderMix.SOLD_OUT_PRODUCT);
    assertThat(catalogue.get(20).available()).isZero();
    // Three lines of two at the dearest price stay below payments' fail-open limit (10,000 cents).
    assertThat(catalogue).allMatch(product -> product.priceCents() > 0 && 6 * product.priceCents() < 10_000);
  }

  private static LoadPlan.MixSettings settings(double declined, double outOfStock, double resend, long seed) {
    return new LoadPlan.MixSettings(20, declined, outOfStock, resend, seed);
  }

  private static List<JsonObject> bodies(OrderMix mix, int count) {
    List<JsonObject> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      PlannedOrder order = mix.next();
      bodies.add(order.toJson().put("resend", order.resend()));
    }
    return bodies;
  }

  private static double share(int count) {
    return (double) count / ORDERS;
  }
}
