package dev.agentgate.proxy.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;

/** The protocol versions and ALPN offer shared by both sides of an interception. */
final class TlsProtocols {

  /** TLS 1.2 and 1.3 only, both towards clients and towards upstream servers. */
  static final String[] VERSIONS = {"TLSv1.3", "TLSv1.2"};

  /**
   * ALPN offering only {@code http/1.1} (HTTP/2 inside interception comes later). A peer that
   * offers only other protocols gets no ALPN answer rather than a failed handshake, and falls back
   * to its default, which for every HTTPS client is HTTP/1.1.
   */
  static final ApplicationProtocolConfig HTTP_1_1_ONLY =
      new ApplicationProtocolConfig(
          Protocol.ALPN,
          SelectorFailureBehavior.NO_ADVERTISE,
          SelectedListenerFailureBehavior.ACCEPT,
          ApplicationProtocolNames.HTTP_1_1);

  private TlsProtocols() {}
}
