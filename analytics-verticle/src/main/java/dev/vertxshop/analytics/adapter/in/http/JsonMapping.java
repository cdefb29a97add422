package dev.vertxshop.analytics.adapter.in.http;

import dev.vertxshop.analytics.domain.CancellationCount;
import dev.vertxshop.analytics.domain.Conversion;
import dev.vertxshop.analytics.domain.ConversionReport;
import dev.vertxshop.analytics.domain.DailyConversion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The JSON shapes of the HTTP contract ({@code contracts/openapi/analytics.yaml}). */
final class JsonMapping {

  private JsonMapping() {}

  static JsonObject report(ConversionReport report) {
    JsonArray days = new JsonArray();
    for (DailyConversion day : report.days()) {
      days.add(conversion(day.conversion()).put("date", day.date().toString()));
    }
    JsonArray reasons = new JsonArray();
    for (CancellationCount reason : report.cancellationReasons()) {
      reasons.add(new JsonObject().put("code", reason.code()).put("count", reason.count()));
    }
    return new JsonObject()
        .put("from", report.range().from().toString())
        .put("to", report.range().to().toString())
        .put("days", days)
        .put("totals", conversion(report.totals()))
        .put("cancellationReasons", reasons);
  }

  private static JsonObject conversion(Conversion conversion) {
    return new JsonObject()
        .put("ordersCompleted", conversion.ordersCompleted())
        .put("ordersCancelled", conversion.ordersCancelled())
        .put("revenueCents", conversion.revenueCents())
        .put("conversionRate", conversion.conversionRate().isPresent() ? conversion.conversionRate().getAsDouble() : null);
  }
}
