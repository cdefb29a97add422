package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RequestHashTest {

  private static final String ORDER = """
      {"customerId": "cust-1", "email": "ann@example.com",
       "items": [{"productId": "apple", "quantity": 2}, {"productId": "pear", "quantity": 1}],
       "paymentMethod": {"type": "card", "cardNumber": "4242424242424242"}}
      """;

  @Test
  void theSameRequestSpelledDifferentlyHashesTheSame() {
    String reordered = """
        {"paymentMethod":{"cardNumber":"4242424242424242","type":"card"},"items":[{"quantity":2.0,"productId":"apple"},
        {"quantity":1,"productId":"pear"}],"email":"ann@example.com","customerId":"cust-1"}
        """;

    assertThat(RequestHash.of(new JsonObject(reordered))).isEqualTo(RequestHash.of(new JsonObject(ORDER)));
    assertThat(RequestHash.of(new JsonObject(ORDER))).matches("^[0-9a-f]{64}$");
  }

  @Test
  void anyChangeThatMattersChangesTheHash() {
    JsonObject order = new JsonObject(ORDER);
    String hash = RequestHash.of(order);

    JsonObject moreApples = order.copy();
    moreApples.getJsonArray("items").getJsonObject(0).put("quantity", 3);
    JsonObject itemsSwapped = new JsonObject(ORDER.replace("apple", "tmp").replace("pear", "apple").replace("tmp", "pear"));
    JsonObject otherCard = order.copy();
    otherCard.getJsonObject("paymentMethod").put("cardNumber", "4000000000000002");

    assertThat(RequestHash.of(moreApples)).isNotEqualTo(hash);
    assertThat(RequestHash.of(itemsSwapped)).as("item order is part of the request").isNotEqualTo(hash);
    assertThat(RequestHash.of(order.copy().put("email", "bo@example.com"))).isNotEqualTo(hash);
    assertThat(RequestHash.of(otherCard)).isNotEqualTo(hash);
  }

  @Test
  void onlyTheLastFourDigitsOfTheCardEnterTheHash() {
    JsonObject order = new JsonObject(ORDER);
    JsonObject sameLastFour = order.copy();
    sameLastFour.getJsonObject("paymentMethod").put("cardNumber", "5555555555554242");

    assertThat(RequestHash.of(sameLastFour)).isEqualTo(RequestHash.of(order));
    assertThat(order.getJsonObject("paymentMethod").getString("cardNumber")).as("the body is left as it was").isEqualTo("4242424242424242");
  }

  @Test
  void theCanonicalFormSortsMembersAndWritesNumbersPlainly() {
    assertThat(RequestHash.canonical(new JsonObject("{\"b\": [1.50, 0.0, 1e3], \"a\": {\"d\": null, \"c\": \"x\\\"y\"}}")))
        .isEqualTo("{\"a\":{\"c\":\"x\\\"y\",\"d\":null},\"b\":[1.5,0,1000]}");
  }
}
