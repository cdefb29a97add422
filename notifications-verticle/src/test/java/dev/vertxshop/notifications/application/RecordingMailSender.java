package dev.vertxshop.notifications.application;

import dev.vertxshop.notifications.domain.OrderEmail;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A mail server in memory: keeps what it accepts, or refuses everything while {@link #down} is set. */
public final class RecordingMailSender implements MailSender {

  private final List<OrderEmail> accepted = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  @Override
  public Future<Void> send(OrderEmail email) {
    if (down) {
      return Future.failedFuture(new IllegalStateException("421 mail server unavailable"));
    }
    accepted.add(email);
    return Future.succeededFuture();
  }

  public void down(boolean isDown) {
    this.down = isDown;
  }

  public List<OrderEmail> accepted() {
    return List.copyOf(accepted);
  }
}
