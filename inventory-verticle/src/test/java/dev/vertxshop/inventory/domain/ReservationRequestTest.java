package dev.vertxshop.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservationRequestTest {

  @Test
  void putsTheItemsInProductIdOrder() {
    ReservationRequest request = new ReservationRequest("order-1", List.of(
        new RequestedItem("pour-over-kettle", 1), new RequestedItem("burr-grinder", 2), new RequestedItem("ceramic-mug", 3)));

    assertThat(request.items()).extracting(RequestedItem::productId).containsExactly("burr-grinder", "ceramic-mug", "pour-over-kettle");
  }

  @Test
  void keepsItsOwnCopyOfTheItems() {
    List<RequestedItem> items = new ArrayList<>(List.of(new RequestedItem("mug", 1)));
    ReservationRequest request = new ReservationRequest("order-1", items);

    items.add(new RequestedItem("kettle", 1));

    assertThat(request.items()).hasSize(1);
    assertThatThrownBy(() -> request.items().add(new RequestedItem("kettle", 1))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsTheSameProductTwice() {
    assertThatThrownBy(() -> new ReservationRequest("order-1", List.of(new RequestedItem("mug", 1), new RequestedItem("mug", 2))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("mug appears more than once");
  }

  @Test
  void acceptsOneToFiftyItems() {
    assertThat(new ReservationRequest("order-1", items(1)).items()).hasSize(1);
    assertThat(new ReservationRequest("order-1", items(ReservationRequest.MAX_ITEMS)).items()).hasSize(50);
  }

  @Test
  void rejectsNoItemsAndMoreThanFifty() {
    assertThatThrownBy(() -> new ReservationRequest("order-1", List.of())).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ReservationRequest("order-1", null)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ReservationRequest("order-1", items(51))).isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 500, RequestedItem.MAX_QUANTITY})
  void acceptsQuantitiesFromOneToAThousand(int quantity) {
    assertThat(new RequestedItem("mug", quantity).quantity()).isEqualTo(quantity);
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, RequestedItem.MAX_QUANTITY + 1})
  void rejectsOtherQuantities(int quantity) {
    assertThatThrownBy(() -> new RequestedItem("mug", quantity))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("quantity");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " order", "order 1", "-order", "o12345678901234567890123456789012345678901234567890123456789012345"})
  void rejectsABadlyShapedReservationId(String id) {
    assertThatThrownBy(() -> new ReservationRequest(id, items(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("reservationId");
  }

  private static List<RequestedItem> items(int count) {
    return IntStream.range(0, count).mapToObj(i -> new RequestedItem("product-" + i, 1)).toList();
  }
}
