package dev.agentgate.proxy.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * A server-side TLS context presenting one minted leaf, and how long it may stay cached.
 *
 * @param context offers TLS 1.2/1.3 and ALPN {@code http/1.1}
 * @param residency how long the cache may keep it
 */
record MintedContext(SslContext context, Duration residency) {

  static MintedContext of(MintedLeaf leaf, Duration maxResidency) {
    try {
      SslContext context =
          SslContextBuilder.forServer(new LeafKeyManager(leaf))
              .sslProvider(SslProvider.JDK)
              .protocols(TlsProtocols.VERSIONS)
              .applicationProtocolConfig(TlsProtocols.HTTP_1_1_ONLY)
              .build();
      return new MintedContext(context, leaf.residency(maxResidency));
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a TLS context for " + leaf.name().value(), e);
    }
  }
}
