package dev.vertxshop.launcher.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server-sent-events stream of snapshots. A timer computes a snapshot every interval and pushes
 * it to every open stream, but only while at least one is open: the first client starts the timer,
 * the last one to leave stops it, so that the dashboard costs the services nothing when nobody
 * looks. A snapshot still being computed when the timer fires again is not started twice. Runs on
 * the dashboard verticle's event loop only.
 */
final class SnapshotStream {

  private final Vertx vertx;
  private final Supplier<Future<JsonObject>> snapshots;
  private final long intervalMs;
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private long timer = -1;
  private boolean collecting;
  private long computed;

  /** A stream of what {@code snapshots} computes, every {@code intervalMs} while a client is connected. */
  SnapshotStream(Vertx vertx, Supplier<Future<JsonObject>> snapshots, long intervalMs) {
    this.vertx = vertx;
    this.snapshots = snapshots;
    this.intervalMs = intervalMs;
  }

  /** Opens an event stream on {@code response} and keeps it until the client goes away. */
  void join(HttpServerResponse response) {
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    // A comment line: sends the headers now, so that the client knows the stream is open.
    response.write(": connected\n\n");
    response.closeHandler(closed -> leave(response));
    response.exceptionHandler(failure -> leave(response));
    clients.add(response);
    if (timer < 0) {
      timer = vertx.setPeriodic(1, intervalMs, tick -> push());
    }
  }

  /** Streams open now. */
  int clients() {
    return clients.size();
  }

  /** Snapshots computed since the dashboard started. */
  long computed() {
    return computed;
  }

  /** Ends every stream and stops the timer. */
  void closeAll() {
    Set.copyOf(clients).forEach(client -> {
      leave(client);
      client.end();
    });
  }

  private void leave(HttpServerResponse response) {
    if (clients.remove(response) && clients.isEmpty() && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void push() {
    if (collecting || clients.isEmpty()) {
      return;
    }
    collecting = true;
    computed++;
    snapshots.get()
        .onSuccess(this::send)
        .onComplete(done -> collecting = false);
  }

  private void send(JsonObject snapshot) {
    String event = "event: snapshot\ndata: " + snapshot.encode() + "\n\n";
    // A slow client whose queue is full skips snapshots rather than piling them up.
    Set.copyOf(clients).stream().filter(client -> !client.writeQueueFull()).forEach(client -> client.write(event));
  }
}
