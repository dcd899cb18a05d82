package dev.agentgate.proxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.proxy.config.HostPort;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.identity.IdentityResolver;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.audit.AuditSink;
import dev.agentgate.proxy.testing.Policies;
import dev.agentgate.proxy.upstream.CidrRange;
import dev.agentgate.proxy.upstream.DestinationGuard;
import dev.agentgate.proxy.upstream.DestinationResolver;
import dev.agentgate.proxy.upstream.UpstreamConnector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** The CONNECT path in an EmbeddedChannel: codec removal, early bytes, phase 1 and 2 answers. */
class ConnectPipelineTest {
  private final List<EgressRequest> seen = new ArrayList<>();

  private EmbeddedChannel channel(PolicyEngine policy) {
    PolicyEngine recording =
        r -> {
          seen.add(r);
          return policy.evaluate(r);
        };
    ProxyConfig config =
        ProxyConfig.defaults()
            .withUpstream(
                new ProxyConfig.Upstream(
                    Set.of(443),
                    List.of(CidrRange.parse("127.0.0.1/32")),
                    Map.of("api.example.test", new HostPort("127.0.0.1", 9))));
    DestinationResolver resolver =
        new DestinationResolver(
            config.upstream().overrides(),
            new DestinationGuard(config.upstream().allowedPrivateRanges()),
            (name, loop) -> loop.newFailedFuture(new IllegalStateException("no DNS in this test")));
    ProxyServices services =
        new ProxyServices(
            config,
            new PolicyGate(recording, ConnectionObserver.NONE),
            resolver,
            new UpstreamConnector(
                NioSocketChannel.class, ByteBufAllocator.DEFAULT, Duration.ofSeconds(1)),
            Interceptor.NONE,
            Admission.ALL,
            IdentityResolver.none(),
            AuditSink.disabled());
    ConnectionFacts facts = new ConnectionFacts(1, "127.0.0.1", 5555, 0, System.nanoTime());
    HeadDeadlineHandler deadline =
        new HeadDeadlineHandler(Duration.ofSeconds(30).toNanos(), () -> {});
    return new EmbeddedChannel(
        deadline,
        new HttpServerCodec(new HttpDecoderConfig()),
        new ProxyRequestHandler(services, facts, deadline));
  }

  private static ByteBuf connectWithHello() throws Exception {
    SSLEngine engine = SSLContext.getDefault().createSSLEngine("api.example.test", 443);
    engine.setUseClientMode(true);
    ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), hello);
    hello.flip();
    byte[] connect =
        "CONNECT api.example.test:443 HTTP/1.1\r\nHost: api.example.test:443\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    return Unpooled.buffer().writeBytes(connect).writeBytes(hello);
  }

  private static String drainOutbound(EmbeddedChannel ch) {
    StringBuilder sb = new StringBuilder();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      sb.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return sb.toString();
  }

  @Test
  void helloInTheConnectPacketReachesPhaseTwoAndABlockSendsAnAlert() throws Exception {
    EmbeddedChannel ch =
        channel(
            r ->
                r.phase() == Phase.CONNECT
                    ? Policies.continueWith("look")
                    : Policies.block("no", "refused", null));

    ch.writeInbound(connectWithHello());
    ch.runPendingTasks();

    String out = drainOutbound(ch);
    assertThat(out).startsWith("HTTP/1.1 200 Connection established\r\n\r\n");
    byte[] alert = out.substring(out.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(alert).containsExactly(21, 3, 3, 0, 2, 2, TlsAlerts.ACCESS_DENIED);
    assertThat(ch.isActive()).isFalse();
    assertThat(seen).extracting(EgressRequest::phase).containsExactly(Phase.CONNECT, Phase.TLS);
    assertThat(seen.get(1).sni()).isEqualTo("api.example.test");
    assertThat(ch.pipeline().get(HttpServerCodec.class)).isNull();
    ch.finishAndReleaseAll();
  }

  @Test
  void aHelloSplitOverReadsIsParsedOnceComplete() throws Exception {
    EmbeddedChannel ch =
        channel(
            r ->
                r.phase() == Phase.CONNECT
                    ? Policies.continueWith("look")
                    : Policies.block("no", "refused", null));
    ByteBuf all = connectWithHello();
    int connectLength = all.indexOf(0, all.writerIndex(), (byte) 0x16);

    ch.writeInbound(all.readRetainedSlice(connectLength + 10));
    ch.runPendingTasks();
    assertThat(drainOutbound(ch)).startsWith("HTTP/1.1 200 ");
    assertThat(seen).hasSize(1);

    ch.writeInbound(all);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).sni()).isEqualTo("api.example.test");
    assertThat(seen.get(1).ja4()).startsWith("t13");
    ch.finishAndReleaseAll();
  }

  @Test
  void aMalformedHelloIsRefusedWithAnAlert() throws Exception {
    EmbeddedChannel ch = channel(r -> Policies.allow("all"));
    ch.writeInbound(
        Unpooled.copiedBuffer(
            "CONNECT api.example.test:443 HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));
    ch.runPendingTasks();
    assertThat(drainOutbound(ch)).startsWith("HTTP/1.1 200 ");

    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {22, 3, 1, 0, 6, 2, 0, 0, 2, 0, 0}));

    String out = drainOutbound(ch);
    assertThat(out.getBytes(StandardCharsets.ISO_8859_1))
        .containsExactly(21, 3, 3, 0, 2, 2, TlsAlerts.ACCESS_DENIED);
    assertThat(ch.isActive()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void blockAtConnectAnswers403AndCloses() throws Exception {
    EmbeddedChannel ch = channel(r -> Policies.block("no-api", "not here", "Ask IT."));

    ch.writeInbound(connectWithHello());

    String out = drainOutbound(ch);
    assertThat(out)
        .startsWith("HTTP/1.1 403 Forbidden\r\n")
        .contains("X-Agentgate-Rule: no-api", "rule: no-api", "reason: not here", "Ask IT.");
    assertThat(ch.isActive()).isFalse();
    assertThat(seen).hasSize(1);
    ch.finishAndReleaseAll();
  }

  @Test
  void decisionsCarryTheClientAddress() throws Exception {
    EmbeddedChannel ch = channel(r -> Policies.block("x", "y", null));
    ch.writeInbound(connectWithHello());
    drainOutbound(ch);
    assertThat(seen.get(0).clientAddress()).isEqualTo("127.0.0.1");
    ch.finishAndReleaseAll();
  }
}
