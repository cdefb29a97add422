package dev.vertxshop.fraud.adapter.in.grpc;

import dev.vertxshop.contracts.fraud.FraudDetectionGrpcService;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.CodecException;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@code TransactionRequest} from a gRPC message as Vert.x would (identity or gzip
 * encoding, protobuf or JSON wire format), but answers "not one" instead of failing the call, so that
 * the service can reply with a status or an {@code INVALID_REQUEST} result.
 */
final class RequestDecoder {

  private static final GrpcMessageDecoder<TransactionRequest> DECODER = FraudDetectionGrpcService.CheckTransaction.decoder();

  private RequestDecoder() {}

  /** The request the message holds; empty when its bytes are not one (or use an unknown encoding). */
  static Optional<TransactionRequest> decode(GrpcMessage message) {
    try {
      return Optional.of(DECODER.decode(plain(message)));
    } catch (CodecException | IOException e) {
      return Optional.empty();
    }
  }

  private static GrpcMessage plain(GrpcMessage message) throws IOException {
    return switch (message.encoding()) {
      case "identity" -> message;
      case "gzip" -> GrpcMessage.message("identity", message.format(), gunzip(message.payload()));
      default -> throw new IOException("unknown message encoding " + message.encoding());
    };
  }

  private static Buffer gunzip(Buffer compressed) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.getBytes()))) {
      return Buffer.buffer(in.readAllBytes());
    }
  }
}
