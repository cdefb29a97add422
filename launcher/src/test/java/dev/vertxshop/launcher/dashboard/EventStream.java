package dev.vertxshop.launcher.dashboard;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A client of {@code GET /dashboard/events}: keeps every snapshot it receives until closed. */
public final class EventStream implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = vertx.createHttpClient();
  private final List<JsonObject> snapshots = new CopyOnWriteArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private final HttpClientResponse response;

  public EventStream(int port) throws Exception {
    response = client.request(HttpMethod.GET, port, "127.0.0.1", "/dashboard/events")
        .compose(request -> request.send())
        .await(10, TimeUnit.SECONDS);
    if (response.statusCode() != 200 || !response.getHeader("Content-Type").startsWith("text/event-stream")) {
      throw new IllegalStateException("Not an event stream: " + response.statusCode() + " " + response.getHeader("Content-Type"));
    }
    response.handler(chunk -> receive(chunk.toString()));
  }

  public List<JsonObject> snapshots() {
    return snapshots;
  }

  /** Events are separated by a blank line; a "data:" line carries the snapshot. */
  private synchronized void receive(String text) {
    pending.append(text);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String event = pending.substring(0, end);
      pending.delete(0, end + 2);
      event.lines()
          .filter(line -> line.startsWith("data: "))
          .forEach(line -> snapshots.add(new JsonObject(line.substring("data: ".length()))));
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
