package dev.vertxshop.grpcinterop;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/** A service credential in grpc-java: {@code authorization: Bearer <token>} metadata. */
final class BearerCredential {

  /** The metadata key the fraud service reads the credential from. */
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private BearerCredential() {}

  /** Adds {@code token} to the metadata of every call made through it; give it to a channel builder's {@code intercept}. */
  static ClientInterceptor attaching(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
