package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upstream client against real loopback TLS servers: it verifies chain and name, always. */
class UpstreamTlsIT {

  @TempDir static Path dir;

  private static final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private static CertificateAuthority ca;
  private static Path caPem;
  private static TlsTestServer localhost;
  private static TlsTestServer ip;
  private static TlsTestServer expired;

  @BeforeAll
  static void start() throws Exception {
    ca =
        TestCerts.newCa(
            "upstream test CA",
            Clock.fixed(Instant.now().minus(Duration.ofDays(5)), ZoneOffset.UTC));
    caPem = TestCerts.writeCaPem(ca, dir);
    localhost = new TlsTestServer(context(TestCerts.mint(ca, "localhost")));
    ip = new TlsTestServer(context(TestCerts.mint(ca, "127.0.0.1")));
    LeafMinter past =
        new LeafMinter(
            ca,
            LeafSettings.defaults(),
            Clock.fixed(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC),
            TestCerts.RANDOM);
    expired = new TlsTestServer(context(past.mint(LeafName.parse("localhost"))));
  }

  @AfterAll
  static void stop() throws Exception {
    localhost.close();
    ip.close();
    expired.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void trustedServerWithTheRightNameHandshakes() throws Exception {
    localhost.serverNames.clear();
    UpstreamTls upstream = UpstreamTls.create(caPem);

    SslHandler handler = handshake(upstream, "localhost", localhost);

    assertThat(handler.handshakeFuture().cause()).isNull();
    assertThat(handler.applicationProtocol()).isEqualTo("http/1.1");
    assertThat(handler.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(handler.engine().getEnabledProtocols())
        .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    assertThat(localhost.serverNames).containsExactly("localhost");
  }

  @Test
  void ipLiteralIsVerifiedAgainstTheIpSanWithoutSni() throws Exception {
    ip.serverNames.clear();

    SslHandler handler = handshake(UpstreamTls.create(caPem), "127.0.0.1", ip);

    assertThat(handler.handshakeFuture().cause()).isNull();
    assertThat(ip.serverNames).isEmpty();
  }

  @Test
  void hostWithAnUnderscoreFailsClosed() throws Exception {
    // The JDK's host name check refuses non-STD3 names, so such a host can never be verified:
    // the connection fails rather than going unverified.
    try (TlsTestServer underscore =
        new TlsTestServer(context(TestCerts.mint(ca, "build_cache.corp.test")))) {
      SslHandler handler =
          handshake(UpstreamTls.create(caPem), "build_cache.corp.test", underscore);

      assertThat(handler.handshakeFuture().cause()).isInstanceOf(SSLHandshakeException.class);
      assertThat(TlsFailures.upstreamReason(handler.handshakeFuture().cause()))
          .startsWith("upstream TLS handshake failed: ");
      assertThat(underscore.serverNames).isEmpty();
    }
  }

  @Test
  void wrongHostNameIsRejected() throws Exception {
    SslHandler handler = handshake(UpstreamTls.create(caPem), "wrong.test", localhost);

    assertThat(handler.handshakeFuture().cause()).isNotNull();
    assertThat(TlsFailures.upstreamReason(handler.handshakeFuture().cause()))
        .isEqualTo("upstream certificate does not match the host name");
  }

  @Test
  void ipLiteralNotInTheCertificateIsRejected() throws Exception {
    SslHandler handler = handshake(UpstreamTls.create(caPem), "127.0.0.1", localhost);

    assertThat(TlsFailures.upstreamReason(handler.handshakeFuture().cause()))
        .isEqualTo("upstream certificate does not match the host name");
  }

  @Test
  void untrustedCertificateIsRejected() throws Exception {
    SslHandler handler = handshake(UpstreamTls.create(null), "localhost", localhost);

    assertThat(TlsFailures.upstreamReason(handler.handshakeFuture().cause()))
        .isEqualTo("upstream certificate is not trusted (no path to a trusted root)");
  }

  @Test
  void expiredCertificateIsRejected() throws Exception {
    SslHandler handler = handshake(UpstreamTls.create(caPem), "localhost", expired);

    assertThat(TlsFailures.upstreamReason(handler.handshakeFuture().cause()))
        .isEqualTo("upstream certificate has expired");
  }

  @Test
  void badBundlesAreOneLineErrors() throws Exception {
    Path text =
        Files.writeString(dir.resolve("bundle.txt"), "not pem\n", StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> UpstreamTls.create(dir.resolve("missing.pem")))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("upstream trust bundle")
        .hasMessageContaining("missing.pem not found");
    assertThatThrownBy(() -> UpstreamTls.create(text))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("holds no PEM certificate");
  }

  @Test
  void systemTrustStoreIsLoaded() throws Exception {
    var factory = TrustAnchors.systemPlus(null);
    var manager = (X509TrustManager) factory.getTrustManagers()[0];

    assertThat(manager.getAcceptedIssuers()).hasSizeGreaterThan(10);
    assertThat(
            ((X509TrustManager) TrustAnchors.systemPlus(caPem).getTrustManagers()[0])
                .getAcceptedIssuers())
        .hasSize(manager.getAcceptedIssuers().length + 1)
        .contains(ca.certificate());
  }

  private static SslContext context(MintedLeaf leaf) {
    return MintedContext.of(leaf, Duration.ofHours(1)).context();
  }

  private static SslHandler handshake(UpstreamTls upstream, String host, TlsTestServer server)
      throws Exception {
    Channel channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(upstream.newHandler(ch.alloc(), host, server.port()))
                        .addLast(new CloseOnFailure());
                  }
                })
            .connect("127.0.0.1", server.port())
            .sync()
            .channel();
    SslHandler handler = channel.pipeline().get(SslHandler.class);
    Future<Channel> done = handler.handshakeFuture().await();
    assertThat(done.isDone()).isTrue();
    channel.close().sync();
    return handler;
  }

  /** The handshake future carries the failure; the pipeline only has to close quietly. */
  private static final class CloseOnFailure extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
