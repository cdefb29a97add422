package dev.vertxshop.orders.adapter.out.pg;

import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.await;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.now;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.pendingOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.orders.application.RecordedStep;
import dev.vertxshop.orders.application.SagaConflictException;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderSettled;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.RetryPolicy;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.SagaStep;
import dev.vertxshop.orders.domain.StepAction;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepOutcome;
import dev.vertxshop.orders.domain.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgSagaRepositoryTest {

  private static final RejectionReason DECLINED = RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "card_declined");

  private static PgTestSupport pg;
  private static PgOrderRepository orders;
  private static PgSagaRepository sagas;

  @BeforeAll
  static void database() {
    pg = new PgTestSupport();
    orders = new PgOrderRepository(pg.pool);
    sagas = new PgSagaRepository(pg.pool);
  }

  @AfterAll
  static void dropDatabase() {
    pg.close();
  }

  private static Order stored(Instant at) {
    Order order = pendingOrder(at);
    await(orders.create(order, Saga.begin(order.id(), at)));
    return order;
  }

  private static StepLogEntry entry(Saga saga, StepStatus status, String detail, Instant at) {
    return new StepLogEntry(saga.orderId(), saga.step(), saga.action(), status, detail, at);
  }

  @Test
  void eachRecordAdvancesTheVersionAndAppendsToTheStepLog() {
    Instant at = now();
    Order order = stored(at);
    Saga started = Saga.begin(order.id(), at).attemptStarted(at.plusMillis(1));

    Saga afterStart = await(sagas.record(started, entry(started, StepStatus.STARTED, "attempt 1", at.plusMillis(1)), Optional.empty()));
    Saga reserved = afterStart.afterExecution(new StepOutcome.Succeeded("reserved"), at.plusMillis(2));
    StepLogEntry succeeded = new StepLogEntry(order.id(), SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.SUCCEEDED, "reserved", at.plusMillis(2));
    Saga afterOutcome = await(sagas.record(reserved, succeeded, Optional.empty()));

    assertThat(afterStart.version()).isEqualTo(1);
    assertThat(afterOutcome.version()).isEqualTo(2);
    assertThat(await(sagas.sagaOf(order.id()))).contains(afterOutcome);
    assertThat(afterOutcome.step()).isEqualTo(SagaStep.CHARGE_PAYMENT);
    assertThat(await(sagas.stepsOf(order.id()))).containsExactly(
        new RecordedStep(entry(started, StepStatus.STARTED, "attempt 1", at.plusMillis(1)), null), new RecordedStep(succeeded, null));
    assertThat(await(orders.find(order.id()))).as("the order is untouched").contains(order);
  }

  @Test
  void aRecordAtAStaleVersionChangesNothing() {
    Instant at = now();
    Order order = stored(at);
    Saga begun = Saga.begin(order.id(), at);
    Saga started = begun.attemptStarted(at);
    await(sagas.record(started, entry(started, StepStatus.STARTED, null, at), Optional.empty()));

    Saga stale = begun.attemptStarted(at.plusSeconds(1));
    Saga rejected = stale.afterExecution(new StepOutcome.Failed(DECLINED, "x"), at.plusSeconds(1));
    Order rejectedOrder = rejected.settle(order, at.plusSeconds(1));
    Optional<OrderSettled> event = OrderSettled.of(rejected, rejectedOrder, UUID.randomUUID(), at.plusSeconds(1));

    assertThatThrownBy(() -> await(sagas.record(rejected, entry(stale, StepStatus.FAILED, null, at), Optional.of(rejectedOrder), event, null)))
        .isInstanceOf(SagaConflictException.class);
    assertThat(await(sagas.sagaOf(order.id()))).contains(started.withVersion(1));
    assertThat(await(sagas.stepsOf(order.id()))).hasSize(1);
    assertThat(await(orders.find(order.id()))).contains(order);
    assertThat(pg.count("orders.outbox", order.id())).as("no event for a refused write").isZero();
  }

  @Test
  void aFinalRecordStoresTheOrdersStatusAndReasonWithTheSaga() {
    Instant at = now();
    Order order = stored(at);
    Saga started = await(record(Saga.begin(order.id(), at).attemptStarted(at), StepStatus.STARTED, at));
    Saga rejected = started.afterExecution(new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, "pear"), "409"), at);
    Order rejectedOrder = rejected.settle(order, at.plusSeconds(1));
    Optional<OrderSettled> event = OrderSettled.of(rejected, rejectedOrder, UUID.randomUUID(), at.plusSeconds(1));

    await(sagas.record(rejected, entry(started, StepStatus.FAILED, "409", at), Optional.of(rejectedOrder), event, null));

    Order found = await(orders.find(order.id())).orElseThrow();
    assertThat(found.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(found.reason().text()).isEqualTo("insufficient-stock: pear");
    assertThat(found.updatedAt()).isEqualTo(at.plusSeconds(1));
    assertThat(await(sagas.sagaOf(order.id())).orElseThrow().state()).isEqualTo(SagaState.REJECTED);
  }

  @Test
  void aRepricedOrderStoresItsNewPricesAndTotal() {
    Instant at = now();
    Order order = stored(at);
    Saga started = await(record(Saga.begin(order.id(), at).attemptStarted(at), StepStatus.STARTED, at));
    Order repriced = order.repricedAs(List.of(new OrderItem("apple", 2, 110), new OrderItem("pear", 1, 260)), at.plusSeconds(1));
    Saga reserved = started.afterExecution(new StepOutcome.Succeeded("reserved"), at);

    await(sagas.record(reserved, entry(started, StepStatus.SUCCEEDED, null, at), Optional.of(repriced)));

    assertThat(await(orders.find(order.id()))).contains(repriced);
    assertThat(repriced.totalCents()).isEqualTo(480);
  }

  @Test
  void aSagaWaitingToRetryAnUndoKeepsItsFailureAndRetryTime() {
    Instant at = now();
    Order order = stored(at);
    Saga started = await(record(Saga.begin(order.id(), at).attemptStarted(at), StepStatus.STARTED, at));
    Saga compensating = await(sagas.record(
        started.afterExecution(new StepOutcome.Unknown(DECLINED, "timeout"), at), entry(started, StepStatus.FAILED, null, at), Optional.empty()));
    Saga undoing = await(record(compensating.attemptStarted(at), StepStatus.STARTED, at));
    Saga waiting = undoing.afterCompensation(new CompensationOutcome.Unknown("timeout"), at,
        new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(10)));

    Saga saved = await(sagas.record(waiting, entry(undoing, StepStatus.FAILED, "retry", at), Optional.empty()));

    Saga found = await(sagas.sagaOf(order.id())).orElseThrow();
    assertThat(found).isEqualTo(saved);
    assertThat(found.nextAttemptAt()).isEqualTo(at.plusSeconds(2));
    assertThat(found.failureReason()).isEqualTo(DECLINED);
    assertThat(found.attempts()).isEqualTo(1);
  }

  @Test
  void anUnknownSagaIsNotFound() {
    assertThat(await(sagas.sagaOf(UUID.randomUUID()))).isEmpty();
    assertThat(await(sagas.stepsOf(UUID.randomUUID()))).isEmpty();
  }

  private static io.vertx.core.Future<Saga> record(Saga saga, StepStatus status, Instant at) {
    return sagas.record(saga, entry(saga, status, null, at), Optional.empty());
  }
}
