package dev.vertxshop.launcher.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The snapshots of every member of a cluster, carried by the clustered event bus. Each member
 * answers requests on {@link #ADDRESS} with its own snapshot; a member whose page is open publishes
 * one request per interval, naming an address of its own, and every member sends its snapshot
 * there. The request ends when as many snapshots as the cluster has members have arrived, or after
 * {@code patience}, with what arrived (a member that is gone or slow is simply not in that round).
 * Nothing travels while no page is open anywhere.
 */
final class ClusterSnapshots {

  /** Where every member listens for snapshot requests. */
  static final String ADDRESS = "vertx-shop.dashboard.snapshots";
  private static final String REPLY_TO = "reply-to";

  private final Vertx vertx;
  private final Supplier<Future<JsonObject>> local;
  private final IntSupplier members;
  private final long patienceMs;
  private MessageConsumer<Object> answering;

  /**
   * @param local this member's snapshot
   * @param members how many members the cluster has now, this one included
   * @param patienceMs how long a request waits for the members' answers
   */
  ClusterSnapshots(Vertx vertx, Supplier<Future<JsonObject>> local, IntSupplier members, long patienceMs) {
    this.vertx = vertx;
    this.local = local;
    this.members = members;
    this.patienceMs = patienceMs;
  }

  /** Starts answering the other members' requests with this member's snapshot. */
  Future<Void> answer() {
    EventBus bus = vertx.eventBus();
    answering = bus.consumer(ADDRESS, request -> {
      String replyTo = request.headers().get(REPLY_TO);
      if (replyTo != null) {
        local.get().onSuccess(snapshot -> bus.send(replyTo, snapshot));
      }
    });
    return answering.completion();
  }

  /** Every member's snapshot that arrived in time, this member's included, in no particular order. */
  Future<List<JsonObject>> gather() {
    EventBus bus = vertx.eventBus();
    String replyTo = ADDRESS + ".replies." + UUID.randomUUID();
    int expected = Math.max(1, members.getAsInt());
    List<JsonObject> arrived = new ArrayList<>();
    Promise<List<JsonObject>> gathered = Promise.promise();
    MessageConsumer<JsonObject> replies = bus.consumer(replyTo, reply -> {
      arrived.add(reply.body());
      if (arrived.size() >= expected) {
        gathered.tryComplete(List.copyOf(arrived));
      }
    });
    long timer = vertx.setTimer(patienceMs, fired -> gathered.tryComplete(List.copyOf(arrived)));
    replies.completion()
        .onSuccess(registered -> bus.publish(ADDRESS, null, new DeliveryOptions().addHeader(REPLY_TO, replyTo).setLocalOnly(false)))
        .onFailure(gathered::tryFail);
    return gathered.future().andThen(done -> {
      vertx.cancelTimer(timer);
      replies.unregister();
    });
  }

  /** Stops answering. */
  Future<Void> close() {
    return answering == null ? Future.succeededFuture() : answering.unregister();
  }
}
