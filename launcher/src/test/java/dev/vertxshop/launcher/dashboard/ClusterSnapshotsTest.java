package dev.vertxshop.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request and answers that carry snapshots between members, on one event bus: every member that
 * answers is one of the event bus's consumers, as on a clustered one.
 */
class ClusterSnapshotsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private ClusterSnapshots member(String name, int members, AtomicInteger asked, long patienceMs) throws Exception {
    ClusterSnapshots member = new ClusterSnapshots(vertx, () -> {
      asked.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("member", name));
    }, () -> members, patienceMs);
    member.answer().await(10, TimeUnit.SECONDS);
    return member;
  }

  @Test
  void gathersEveryMembersSnapshotAndEndsAsSoonAsAllArrived() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    // A patience far beyond the wait below: the gathering ends because both answered.
    ClusterSnapshots one = member("one", 2, asked, 600_000);
    member("two", 2, asked, 600_000);

    List<JsonObject> gathered = one.gather().await(10, TimeUnit.SECONDS);

    assertThat(gathered).extracting(snapshot -> snapshot.getString("member")).containsExactlyInAnyOrder("one", "two");
    assertThat(asked).hasValue(2);
  }

  @Test
  void aMemberThatDoesNotAnswerIsLeftOutOnceThePatienceRunsOut() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    ClusterSnapshots one = member("one", 3, asked, 300);
    member("two", 3, asked, 300);

    List<JsonObject> gathered = one.gather().await(10, TimeUnit.SECONDS);

    assertThat(gathered).extracting(snapshot -> snapshot.getString("member")).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  void aMemberThatStoppedAnsweringIsNotAsked() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    ClusterSnapshots one = member("one", 2, asked, 300);
    ClusterSnapshots two = member("two", 2, asked, 300);
    two.close().await(10, TimeUnit.SECONDS);

    assertThat(one.gather().await(10, TimeUnit.SECONDS)).extracting(snapshot -> snapshot.getString("member")).containsExactly("one");
    assertThat(asked).hasValue(1);
  }
}
