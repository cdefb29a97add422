package dev.vertxshop.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EmbeddedRedisTest {

  private EmbeddedRedis redis;

  @BeforeEach
  void startRedis() {
    redis = EmbeddedRedis.start(0);
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void answersSetAndGetAtItsUrl(Vertx vertx, VertxTestContext test) {
    assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
    Redis client = Redis.createClient(vertx, redis.url());
    RedisAPI api = RedisAPI.api(client);

    api.set(List.of("greeting", "hello"))
        .compose(ok -> api.get("greeting"))
        .onComplete(test.succeeding(value -> test.verify(() -> {
          assertThat(value.toString()).isEqualTo("hello");
          client.close();
          test.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void keepsNothingOnDisk(Vertx vertx, VertxTestContext test) {
    Redis client = Redis.createClient(vertx, redis.url());
    RedisAPI api = RedisAPI.api(client);

    api.config(List.of("GET", "save"))
        .compose(save -> api.config(List.of("GET", "appendonly")).map(appendonly -> List.of(save, appendonly)))
        .onComplete(test.succeeding(answers -> test.verify(() -> {
          assertThat(configValue(answers.get(0), "save")).isEmpty();
          assertThat(configValue(answers.get(1), "appendonly")).isEqualTo("no");
          client.close();
          test.completeNow();
        })));
  }

  @Test
  void stopsListeningWhenStopped() {
    redis.stop();

    assertThat(redis.isRunning()).isFalse();
    assertThatThrownBy(() -> connect(redis.port())).isInstanceOf(IOException.class);
  }

  @Test
  void refusesToStartOnAPortThatIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedRedis.start(taken.getLocalPort()))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("Redis")
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + ": the port is already in use");
    }
  }

  /** CONFIG GET answers a map over RESP3 and a [name, value] array over RESP2. */
  private static String configValue(Response answer, String name) {
    return answer.isMap() ? answer.get(name).toString() : answer.get(1).toString();
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    }
  }
}
