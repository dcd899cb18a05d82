package dev.agentgate.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS towards the real server of an intercepted connection. It always verifies the server's
 * certificate chain (system roots plus an optional extra bundle) and its host name, offers TLS 1.2
 * and 1.3 only and ALPN {@code http/1.1}. No setting turns verification off.
 */
public final class UpstreamTls {

  private static final String HTTPS_IDENTIFICATION = "HTTPS";

  private final SslContext context;

  private UpstreamTls(SslContext context) {
    this.context = context;
  }

  /**
   * @param extraBundle a PEM file of further trusted roots, or {@code null} for the system store
   */
  public static UpstreamTls create(Path extraBundle) throws TlsConfigException {
    try {
      SslContext context =
          SslContextBuilder.forClient()
              .sslProvider(SslProvider.JDK)
              .trustManager(TrustAnchors.systemPlus(extraBundle))
              .protocols(TlsProtocols.VERSIONS)
              .applicationProtocolConfig(TlsProtocols.HTTP_1_1_ONLY)
              .endpointIdentificationAlgorithm(HTTPS_IDENTIFICATION)
              .build();
      return new UpstreamTls(context);
    } catch (SSLException e) {
      throw new TlsConfigException(
          "cannot build the upstream TLS context: " + PemFiles.oneLine(e), e);
    }
  }

  public SslContext context() {
    return context;
  }

  /**
   * A handler for a connection to {@code host}: it sends {@code host} as SNI (unless an IP literal)
   * and checks that the server's certificate names it. {@code host} is the name the client asked
   * for, even when the connection goes to an overridden address.
   */
  public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
    LeafName name = LeafName.parse(host);
    SslHandler handler = context.newHandler(alloc, name.value(), port);
    SSLEngine engine = handler.engine();
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm(HTTPS_IDENTIFICATION);
    if (!name.ipLiteral()) {
      // The JDK sends SNI by itself only for names with a dot; "localhost" would go without.
      sniFor(name).ifPresent(sni -> parameters.setServerNames(List.of(sni)));
    }
    engine.setSSLParameters(parameters);
    return handler;
  }

  /**
   * The SNI for a name. The JDK refuses names that are valid host names but not STD3 ones (an
   * underscore, as some internal service names have): those go without SNI, and the certificate is
   * still checked against the name.
   */
  private static Optional<SNIHostName> sniFor(LeafName name) {
    try {
      return Optional.of(new SNIHostName(name.value()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
