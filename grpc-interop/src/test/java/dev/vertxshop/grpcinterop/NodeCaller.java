package dev.vertxshop.grpcinterop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Node.js client in {@code clients/node} ({@code @grpc/grpc-js}, the proto loaded at run time),
 * run as a process: the calls go to its standard input as JSON lines, its answers come back the
 * same way. The token goes in the process's environment ({@code FRAUD_TOKEN}, out of sight of
 * {@code ps}), never inherited from this one's. Skips the test when {@code node} is not installed;
 * installs the client's packages with {@code npm ci} when they are missing.
 */
final class NodeCaller implements FraudCaller {

  private static final Path CLIENT_DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
      .resolve("../clients/node").normalize();
  private static final String SCRIPT = "fraud-client.js";
  private static final String TOKEN_VARIABLE = "FRAUD_TOKEN";
  private static final long TIMEOUT_SECONDS = 60;
  private static final long NPM_TIMEOUT_SECONDS = 300;

  @Override
  public String name() {
    return "Node.js client (@grpc/grpc-js)";
  }

  @Override
  public List<Answer> converse(int port, Optional<String> token, List<Call> calls) throws Exception {
    assumeTrue(nodeInstalled(), "node is not installed, so the Node.js client cannot run (.ci/run installs it)");
    installPackagesIfMissing();
    Path errors = Files.createTempFile("fraud-client-", ".log");
    try {
      ProcessBuilder command = new ProcessBuilder("node", SCRIPT, "127.0.0.1", Integer.toString(port), "-")
          .directory(CLIENT_DIR.toFile())
          .redirectError(errors.toFile());
      command.environment().remove(TOKEN_VARIABLE);
      token.ifPresent(value -> command.environment().put(TOKEN_VARIABLE, value));
      Process node = command.start();
      CompletableFuture<List<String>> output = CompletableFuture.supplyAsync(() -> readLines(node));
      try (OutputStream in = node.getOutputStream()) {
        for (Call call : calls) {
          in.write((toJson(call).encode() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      List<String> lines;
      try {
        lines = output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        node.destroyForcibly();
        throw new IllegalStateException("the Node.js client gave no answer within " + TIMEOUT_SECONDS + " s; stderr: "
            + Files.readString(errors));
      }
      if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || node.exitValue() != 0) {
        throw new IllegalStateException("the Node.js client failed; stderr: " + Files.readString(errors));
      }
      return parse(lines);
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  private static boolean nodeInstalled() throws InterruptedException {
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return version.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException notFound) {
      return false;
    }
  }

  private static synchronized void installPackagesIfMissing() throws IOException, InterruptedException {
    if (Files.isDirectory(CLIENT_DIR.resolve("node_modules/@grpc/grpc-js"))) {
      return;
    }
    Path log = Files.createTempFile("npm-ci-", ".log");
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
        .directory(CLIENT_DIR.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean finished = npm.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IllegalStateException("npm ci in " + CLIENT_DIR + " failed: " + Files.readString(log));
    }
    Files.deleteIfExists(log);
  }

  private static List<String> readLines(Process node) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading the Node.js client's output failed", e);
    }
    return lines;
  }

  private static JsonObject toJson(Call call) {
    if (call instanceof Call.Check check) {
      return new JsonObject().put("rpc", "CheckTransaction").put("request", toJson(check.request()));
    }
    JsonArray requests = new JsonArray();
    ((Call.Batch) call).requests().forEach(request -> requests.add(toJson(request)));
    return new JsonObject().put("rpc", "BatchCheck").put("requests", requests);
  }

  private static JsonObject toJson(TransactionRequest request) {
    return new JsonObject()
        .put("transaction_id", request.getTransactionId())
        .put("user_id", request.getUserId())
        .put("amount_cents", request.getAmountCents())
        .put("merchant_id", request.getMerchantId())
        .put("country_code", request.getCountryCode());
  }

  private static List<Answer> parse(List<String> lines) {
    List<Answer> answers = new ArrayList<>();
    for (String line : lines) {
      JsonObject answer = new JsonObject(line);
      String rpc = answer.getString("rpc");
      if (answer.containsKey("result")) {
        JsonObject result = answer.getJsonObject("result");
        answers.add(new Answer.Result(rpc, result.getString("transaction_id"), result.getBoolean("is_fraud"),
            result.getDouble("risk_score"), result.getString("reason_code")));
      } else if (answer.containsKey("error")) {
        JsonObject error = answer.getJsonObject("error");
        answers.add(new Answer.Failure(rpc, error.getInteger("code"), error.getString("message")));
      }
      // An "end" line closes a stream that ended with OK: nothing to compare.
    }
    return answers;
  }
}
