package dev.vertxshop.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderDetailsTest {

  @ParameterizedTest
  @ValueSource(strings = {"alice@example.com", "a.b+shop@mail.example.org", "x@localhost"})
  void acceptsPlainAddresses(String address) {
    assertThat(new EmailAddress(address).value()).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "alice", "alice@", "@example.com", "alice example@x.com", "a@b.com\r\nBcc: c@d.com",
      "Alice <alice@example.com>", "a@b.com,c@d.com", "a..b@example.com", "a@-example.com"})
  void refusesAnythingButOneMailbox(String address) {
    assertThatThrownBy(() -> new EmailAddress(address)).isInstanceOf(InvalidOrderException.class);
  }

  @Test
  void refusesAnOrderWithoutItems() {
    assertThatThrownBy(() -> new OrderDetails(UUID.randomUUID(), "alice", new EmailAddress("a@b.com"), List.of(), 0))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("no items");
  }

  @Test
  void refusesALineWhoseTotalCannotBeCounted() {
    assertThatThrownBy(() -> new OrderLine("p", Integer.MAX_VALUE, Long.MAX_VALUE / 2))
        .isInstanceOf(InvalidOrderException.class);
  }

  @Test
  void refusesAZeroQuantity() {
    assertThatThrownBy(() -> new OrderLine("p", 0, 100))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("quantity 0");
  }
}
