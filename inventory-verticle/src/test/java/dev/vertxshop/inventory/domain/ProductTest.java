package dev.vertxshop.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductTest {

  @Test
  void aNewProductStartsWithNothingReserved() {
    Product product = Product.from(new ProductDefinition("ceramic-mug", "Ceramic mug", 1250, 40));

    assertThat(product).isEqualTo(new Product("ceramic-mug", "Ceramic mug", 1250, 40, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "A1", "espresso-beans-1kg", "sku_12.v2", "0123456789012345678901234567890123456789012345678901234567890123"})
  void acceptsIdsOfTheContractShape(String id) {
    assertThat(new ProductDefinition(id, "Mug", 0, 0).productId()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-mug", ".mug", "_mug", "big mug", "mug/1", "müg", "01234567890123456789012345678901234567890123456789012345678901234"})
  void rejectsIdsOfAnyOtherShape(String id) {
    assertThatThrownBy(() -> new ProductDefinition(id, "Mug", 0, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("productId");
  }

  @Test
  void rejectsAMissingId() {
    assertThatThrownBy(() -> new ProductDefinition(null, "Mug", 0, 0)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void rejectsABlankName() {
    assertThatThrownBy(() -> new ProductDefinition("mug", " \t", 100, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name");
  }

  @Test
  void acceptsANameOf200CharactersCountingCodePoints() {
    String name = "☕".repeat(ProductDefinition.MAX_NAME_LENGTH);

    assertThat(new ProductDefinition("mug", name, 100, 1).name()).isEqualTo(name);
    assertThatThrownBy(() -> new ProductDefinition("mug", name + "x", 100, 1)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void boundsThePrice() {
    assertThat(new ProductDefinition("mug", "Mug", 0, 1).priceCents()).isZero();
    assertThat(new ProductDefinition("mug", "Mug", Product.MAX_PRICE_CENTS, 1).priceCents()).isEqualTo(Product.MAX_PRICE_CENTS);
    assertThatThrownBy(() -> new ProductDefinition("mug", "Mug", -1, 1)).hasMessageContaining("priceCents");
    assertThatThrownBy(() -> new ProductDefinition("mug", "Mug", Product.MAX_PRICE_CENTS + 1, 1)).hasMessageContaining("priceCents");
  }

  @Test
  void boundsTheStockAnAdministratorSets() {
    assertThat(new ProductDefinition("mug", "Mug", 1, ProductDefinition.MAX_AVAILABLE).available()).isEqualTo(ProductDefinition.MAX_AVAILABLE);
    assertThatThrownBy(() -> new ProductDefinition("mug", "Mug", 1, -1)).hasMessageContaining("available");
    assertThatThrownBy(() -> new ProductDefinition("mug", "Mug", 1, ProductDefinition.MAX_AVAILABLE + 1)).hasMessageContaining("available");
  }

  @Test
  void stockNeverGoesNegative() {
    assertThatThrownBy(() -> new Product("mug", "Mug", 1, -1, 0)).hasMessageContaining("available");
    assertThatThrownBy(() -> new Product("mug", "Mug", 1, 0, -1)).hasMessageContaining("reserved");
  }
}
