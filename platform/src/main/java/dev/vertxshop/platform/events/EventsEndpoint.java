package dev.vertxshop.platform.events;

import dev.vertxshop.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's event consumers for operators:
 *
 * <ul>
 *   <li>{@code GET /admin/events}: {@code {"consumers": [...]}}, one {@link EventConsumer#status()}
 *       per consumer group (lag per partition, dead letters, counts);
 *   <li>{@code POST /admin/dead-letters/replay[?group=<group>]}: sends the dead letters not replayed
 *       yet back through the retry topic of each group (or of the one named); answers {@code
 *       {"replayed": {"<group>": n}}}.
 * </ul>
 */
public final class EventsEndpoint {

  public static final String STATUS_PATH = "/admin/events";
  public static final String REPLAY_PATH = "/admin/dead-letters/replay";

  private EventsEndpoint() {}

  public static Router mount(Router router, List<EventConsumer> consumers) {
    router.get(STATUS_PATH).handler(ctx -> status(ctx, consumers));
    router.post(REPLAY_PATH).handler(ctx -> replay(ctx, consumers));
    return router;
  }

  private static void status(RoutingContext ctx, List<EventConsumer> consumers) {
    List<Future<JsonObject>> statuses = consumers.stream().map(EventConsumer::status).toList();
    Future.all(statuses).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(ProblemException.serviceUnavailable("The Kafka cluster did not answer: " + done.cause().getMessage(), Duration.ofSeconds(5)));
        return;
      }
      JsonArray list = new JsonArray();
      statuses.forEach(status -> list.add(status.result()));
      json(ctx, 200, new JsonObject().put("consumers", list));
    });
  }

  private static void replay(RoutingContext ctx, List<EventConsumer> consumers) {
    Optional<String> group = Optional.ofNullable(ctx.queryParams().get("group"));
    List<EventConsumer> chosen = consumers.stream().filter(c -> group.isEmpty() || c.group().equals(group.get())).toList();
    if (chosen.isEmpty()) {
      ctx.fail(ProblemException.notFound("This service has no consumer group " + group.orElse("")));
      return;
    }
    List<Future<Integer>> replays = chosen.stream().map(EventConsumer::replayDeadLetters).toList();
    Future.all(replays).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(ProblemException.conflict("replay-failed", "Replay failed", done.cause().getMessage()));
        return;
      }
      JsonObject replayed = new JsonObject();
      for (int i = 0; i < chosen.size(); i++) {
        replayed.put(chosen.get(i).group(), replays.get(i).result());
      }
      json(ctx, 200, new JsonObject().put("replayed", replayed));
    });
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }
}
