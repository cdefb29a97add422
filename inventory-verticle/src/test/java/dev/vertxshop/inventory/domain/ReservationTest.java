package dev.vertxshop.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReservationTest {

  private static final List<ReservationItem> ITEMS = List.of(
      new ReservationItem("pour-over-kettle", 1, 5900), new ReservationItem("ceramic-mug", 3, 1250));

  @Test
  void totalsQuantityTimesUnitPriceOverAllItems() {
    assertThat(Reservation.reserved("order-1", ITEMS).totalCents()).isEqualTo(5900 + 3 * 1250);
  }

  @Test
  void keepsItsItemsInProductIdOrder() {
    assertThat(Reservation.reserved("order-1", ITEMS).items())
        .extracting(ReservationItem::productId)
        .containsExactly("ceramic-mug", "pour-over-kettle");
  }

  @Test
  void refusesATotalThatOverflows() {
    List<ReservationItem> huge = IntStream.range(0, 50)
        .mapToObj(i -> new ReservationItem("product-" + i, Integer.MAX_VALUE, Product.MAX_PRICE_CENTS))
        .toList();

    assertThatThrownBy(() -> Reservation.reserved("order-1", huge))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void aLineTotalIsExactForTheLargestQuantityAndPrice() {
    ReservationItem item = new ReservationItem("mug", Integer.MAX_VALUE, Product.MAX_PRICE_CENTS);

    assertThat(item.lineTotalCents()).isEqualTo((long) Integer.MAX_VALUE * Product.MAX_PRICE_CENTS);
  }

  @Test
  void cancellingAReservedReservationGivesEveryItemsStockBack() {
    Transition transition = Reservation.reserved("order-1", ITEMS).cancel();

    assertThat(transition).isInstanceOf(Transition.Changed.class);
    assertThat(transition.reservation().status()).isEqualTo(ReservationStatus.CANCELLED);
    assertThat(transition.reservation().items()).isEqualTo(Reservation.reserved("order-1", ITEMS).items());
    assertThat(((Transition.Changed) transition).stockChanges()).containsExactly(
        new StockChange("ceramic-mug", 3, -3), new StockChange("pour-over-kettle", 1, -1));
  }

  @Test
  void committingAReservedReservationTakesTheReservedStockOut() {
    Transition transition = Reservation.reserved("order-1", ITEMS).commit();

    assertThat(transition).isInstanceOf(Transition.Changed.class);
    assertThat(transition.reservation().status()).isEqualTo(ReservationStatus.COMMITTED);
    assertThat(((Transition.Changed) transition).stockChanges()).containsExactly(
        new StockChange("ceramic-mug", 0, -3), new StockChange("pour-over-kettle", 0, -1));
  }

  @Test
  void cancellingACancelledReservationChangesNothing() {
    Reservation cancelled = new Reservation("order-1", ReservationStatus.CANCELLED, ITEMS);

    assertThat(cancelled.cancel()).isEqualTo(new Transition.Unchanged(cancelled));
  }

  @Test
  void committingACommittedReservationChangesNothing() {
    Reservation committed = new Reservation("order-1", ReservationStatus.COMMITTED, ITEMS);

    assertThat(committed.commit()).isEqualTo(new Transition.Unchanged(committed));
  }

  @Test
  void aCommittedReservationRefusesToBeCancelled() {
    Reservation committed = new Reservation("order-1", ReservationStatus.COMMITTED, ITEMS);

    assertThat(committed.cancel()).isEqualTo(new Transition.Refused(committed, Refusal.ALREADY_COMMITTED));
  }

  @Test
  void aCancelledReservationRefusesToBeCommitted() {
    Reservation cancelled = new Reservation("order-1", ReservationStatus.CANCELLED, ITEMS);

    assertThat(cancelled.commit()).isEqualTo(new Transition.Refused(cancelled, Refusal.ALREADY_CANCELLED));
  }

  @Test
  void cancellingAnUnknownReservationLeavesATombstoneAndMovesNoStock() {
    Transition transition = Reservation.cancelUnknown("order-1");

    assertThat(transition).isEqualTo(new Transition.Changed(Reservation.tombstone("order-1"), List.of()));
    assertThat(transition.reservation().status()).isEqualTo(ReservationStatus.CANCELLED);
    assertThat(transition.reservation().items()).isEmpty();
    assertThat(transition.reservation().totalCents()).isZero();
  }

  @Test
  void aTombstoneCanNeitherBeCommittedNorCancelledAgain() {
    Reservation tombstone = Reservation.tombstone("order-1");

    assertThat(tombstone.commit()).isEqualTo(new Transition.Refused(tombstone, Refusal.ALREADY_CANCELLED));
    assertThat(tombstone.cancel()).isEqualTo(new Transition.Unchanged(tombstone));
  }

  @Test
  void onlyACancelledReservationMayHoldNoItems() {
    assertThatThrownBy(() -> Reservation.reserved("order-1", List.of())).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new Reservation("order-1", ReservationStatus.COMMITTED, List.of())).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void rejectsTheSameProductTwice() {
    assertThatThrownBy(() -> Reservation.reserved("order-1", List.of(new ReservationItem("mug", 1, 1), new ReservationItem("mug", 2, 1))))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void rejectsAMissingStatusAndABadlyShapedId() {
    assertThatThrownBy(() -> new Reservation("order-1", null, ITEMS)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Reservation.reserved("order 1", ITEMS)).isInstanceOf(InvalidInputException.class);
  }
}
