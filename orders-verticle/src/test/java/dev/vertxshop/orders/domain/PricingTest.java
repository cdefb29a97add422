package dev.vertxshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingTest {

  @Test
  void pricesEachLineFromTheCatalogueInRequestOrder() {
    PriceList prices = new PriceList(Map.of("b", 250L, "a", 100L));

    List<OrderItem> items = Pricing.price(List.of(new OrderLine("b", 2), new OrderLine("a", 3)), prices);

    assertThat(items).containsExactly(new OrderItem("b", 2, 250), new OrderItem("a", 3, 100));
    assertThat(Pricing.total(items)).isEqualTo(800);
  }

  @Test
  void aProductMissingFromTheCatalogueIsNamed() {
    PriceList prices = new PriceList(Map.of("a", 100L));

    assertThatThrownBy(() -> Pricing.price(List.of(new OrderLine("a", 1), new OrderLine("ghost", 1)), prices))
        .isInstanceOfSatisfying(UnknownProductException.class, e -> assertThat(e.productId()).isEqualTo("ghost"));
  }

  @Test
  void freeProductsPriceToZero() {
    List<OrderItem> items = Pricing.price(List.of(new OrderLine("gift", 5)), new PriceList(Map.of("gift", 0L)));

    assertThat(Pricing.total(items)).isZero();
  }

  @Test
  void aLineTotalThatOverflowsFailsInsteadOfWrapping() {
    OrderItem huge = new OrderItem("a", 1000, Long.MAX_VALUE / 10);

    assertThatThrownBy(huge::lineTotalCents).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aSumThatOverflowsFailsInsteadOfWrapping() {
    List<OrderItem> items = List.of(new OrderItem("a", 1, Long.MAX_VALUE), new OrderItem("b", 1, 1));

    assertThatThrownBy(() -> Pricing.total(items)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aNegativePriceIsNotAPrice() {
    assertThatThrownBy(() -> new PriceList(Map.of("a", -1L))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderItem("a", 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
