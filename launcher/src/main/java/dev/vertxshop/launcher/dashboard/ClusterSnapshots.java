package dev.vertxshop.launcher.dashboard;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
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
 * one request per interval, naming its reply address and the round, and every member sends its
 * snapshot there. The round ends when as many snapshots as the cluster has members have arrived, or
 * after {@code patience}, with what arrived (a member that is gone or slow is simply not in that
 * round; its late answer is dropped). Both addresses are registered once, at {@link #answer()}, so
 * a round changes nothing in the cluster's registry of addresses. Nothing travels while no page is
 * open anywhere. Everything runs on the context that called {@link #answer()}.
 */
final class ClusterSnapshots {

  /** Where every member listens for snapshot requests. */
  static final String ADDRESS = "vertx-shop.dashboard.snapshots";
  private static final String REPLY_TO = "reply-to";
  private static final String ROUND = "round";

  private final Vertx vertx;
  private final Supplier<Future<JsonObject>> local;
  private final IntSupplier members;
  private final long patienceMs;
  private final String replies = ADDRESS + ".replies." + UUID.randomUUID();
  private Context context;
  private MessageConsumer<Object> answering;
  private MessageConsumer<JsonObject> collecting;
  private long rounds;
  private Round round;

  /** The round being gathered: its number, how many answers end it, what arrived. */
  private record Round(long number, int expected, List<JsonObject> arrived, Promise<List<JsonObject>> gathered, long timer) {}

  /**
   * @param local this member's snapshot
   * @param members how many members the cluster has now, this one included
   * @param patienceMs how long a round waits for the members' answers
   */
  ClusterSnapshots(Vertx vertx, Supplier<Future<JsonObject>> local, IntSupplier members, long patienceMs) {
    this.vertx = vertx;
    this.local = local;
    this.members = members;
    this.patienceMs = patienceMs;
  }

  /** Starts answering the other members' requests with this member's snapshot, and receiving their answers. */
  Future<Void> answer() {
    context = vertx.getOrCreateContext();
    EventBus bus = vertx.eventBus();
    answering = bus.consumer(ADDRESS, request -> {
      String replyTo = request.headers().get(REPLY_TO);
      String number = request.headers().get(ROUND);
      if (replyTo != null && number != null) {
        local.get().onSuccess(snapshot -> bus.send(replyTo, snapshot, new DeliveryOptions().addHeader(ROUND, number)));
      }
    });
    collecting = bus.consumer(replies, this::arrived);
    return Future.all(answering.completion(), collecting.completion()).mapEmpty();
  }

  /** Every member's snapshot that arrived in time, this member's included, in no particular order. */
  Future<List<JsonObject>> gather() {
    Promise<List<JsonObject>> gathered = Promise.promise();
    context.runOnContext(ignored -> start(gathered));
    return gathered.future();
  }

  private void start(Promise<List<JsonObject>> gathered) {
    if (round != null) {
      end(round);
    }
    long number = ++rounds;
    long timer = vertx.setTimer(patienceMs, fired -> {
      if (round != null && round.number() == number) {
        end(round);
      }
    });
    round = new Round(number, Math.max(1, members.getAsInt()), new ArrayList<>(), gathered, timer);
    vertx.eventBus().publish(ADDRESS, null,
        new DeliveryOptions().addHeader(REPLY_TO, replies).addHeader(ROUND, Long.toString(number)));
  }

  private void arrived(Message<JsonObject> reply) {
    if (round == null || !Long.toString(round.number()).equals(reply.headers().get(ROUND))) {
      return;
    }
    round.arrived().add(reply.body());
    if (round.arrived().size() >= round.expected()) {
      end(round);
    }
  }

  private void end(Round ended) {
    vertx.cancelTimer(ended.timer());
    round = null;
    ended.gathered().tryComplete(List.copyOf(ended.arrived()));
  }

  /** Stops answering and receiving; a round in progress ends with what arrived. */
  Future<Void> close() {
    if (answering == null) {
      return Future.succeededFuture();
    }
    context.runOnContext(ignored -> {
      if (round != null) {
        end(round);
      }
    });
    return Future.all(answering.unregister(), collecting.unregister()).mapEmpty();
  }
}
