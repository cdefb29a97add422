package dev.vertxshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRequestTest {

  private static final PaymentMethod CARD = PaymentMethod.card("4242424242424242");

  private static OrderRequest request(String email, List<OrderLine> lines) {
    return new OrderRequest("cust-1", email, lines, CARD);
  }

  @Test
  void aProductOnTwoLinesIsRefused() {
    assertThatThrownBy(() -> request("a@b.c", List.of(new OrderLine("a", 1), new OrderLine("a", 2))))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("more than one item");
  }

  @Test
  void anOrderNeedsOneToFiftyLines() {
    assertThatThrownBy(() -> request("a@b.c", List.of())).isInstanceOf(InvalidOrderException.class);
    List<OrderLine> fiftyOne = new java.util.ArrayList<>();
    for (int i = 0; i < 51; i++) {
      fiftyOne.add(new OrderLine("p" + i, 1));
    }
    assertThatThrownBy(() -> request("a@b.c", fiftyOne)).isInstanceOf(InvalidOrderException.class);
    assertThat(request("a@b.c", fiftyOne.subList(0, 50)).lines()).hasSize(50);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "a@", "@b", "a b@c", "a@b@c"})
  void aMalformedEmailIsRefused(String email) {
    assertThatThrownBy(() -> request(email, List.of(new OrderLine("a", 1)))).isInstanceOf(InvalidOrderException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001})
  void aQuantityOutsideOneToAThousandIsRefused(int quantity) {
    assertThatThrownBy(() -> new OrderLine("a", quantity)).isInstanceOf(InvalidOrderException.class);
  }

  @Test
  void aProductIdMustFollowTheCatalogueRule() {
    assertThatThrownBy(() -> new OrderLine("-a", 1)).isInstanceOf(InvalidOrderException.class);
    assertThatThrownBy(() -> new OrderLine(String.join("", Collections.nCopies(65, "a")), 1)).isInstanceOf(InvalidOrderException.class);
  }

  @Test
  void productIdsKeepTheRequestOrder() {
    assertThat(request("a@b.c", List.of(new OrderLine("z", 1), new OrderLine("a", 1))).productIds()).containsExactly("z", "a");
  }

  @Test
  void aCardNumberIsNeverPrintedInFull() {
    assertThat(CARD.toString()).doesNotContain("42424242424").endsWith("4242]");
    assertThat(request("a@b.c", List.of(new OrderLine("a", 1))).toString()).doesNotContain("4242424242424242");
  }

  @Test
  void onlyCardsOfTwelveToNineteenDigitsArePaymentMethods() {
    assertThatThrownBy(() -> PaymentMethod.card("12345678901")).isInstanceOf(InvalidOrderException.class);
    assertThatThrownBy(() -> new PaymentMethod("cash", "4242424242424242")).isInstanceOf(InvalidOrderException.class);
  }
}
