package dev.vertxshop.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.inventory.domain.InvalidInputException;
import dev.vertxshop.inventory.domain.Product;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCatalogueTest {

  @Test
  void theShippedCatalogueHoldsSixProductsWithAThousandUnitsEach() throws IOException {
    List<Product> products = DemoCatalogue.parse(shippedCatalogue());

    assertThat(products).extracting(Product::productId).containsExactlyInAnyOrder(
        "espresso-beans-1kg", "pour-over-kettle", "ceramic-mug", "burr-grinder", "paper-filters-100", "milk-frother");
    assertThat(products).allSatisfy(product -> {
      assertThat(product.available()).isEqualTo(1000);
      assertThat(product.reserved()).isZero();
      assertThat(product.priceCents()).isBetween(100L, 100_000L);
    });
  }

  @Test
  void refusesAnEntryThatBreaksTheProductRules() {
    Buffer document = Buffer.buffer("[{\"productId\": \"-bad\", \"name\": \"Bad\", \"priceCents\": 1, \"available\": 1}]");

    assertThatThrownBy(() -> DemoCatalogue.parse(document)).isInstanceOf(InvalidInputException.class);
  }

  private static Buffer shippedCatalogue() throws IOException {
    try (InputStream in = DemoCatalogue.class.getClassLoader().getResourceAsStream(DemoCatalogue.RESOURCE)) {
      assertThat(in).as("classpath resource " + DemoCatalogue.RESOURCE).isNotNull();
      return Buffer.buffer(in.readAllBytes());
    }
  }
}
