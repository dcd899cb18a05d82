package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.proxy.pipeline.Interceptor;
import dev.agentgate.proxy.pipeline.ProxyServices;
import dev.agentgate.proxy.tls.ServerFlightMonitor;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * The client side of an intercepted tunnel, after the byte counter that stays first:
 *
 * <ol>
 *   <li>{@link ServerFlightMonitor}: notes when the minted certificate went out (handshake only);
 *   <li>{@link SslHandler}: TLS with the minted certificate, ALPN {@code http/1.1};
 *   <li>{@link ClientHandshakeWatcher}: reports the handshake (handshake only);
 *   <li>{@link HttpServerCodec}: the requests inside;
 *   <li>{@link InterceptedRequestHandler}: phase 3, redaction, forwarding.
 * </ol>
 *
 * <p>The ClientHello the inspector buffered is fed to the {@code SslHandler} first.
 */
final class ClientTlsPipeline {
  private static final int MAX_CHUNK = 64 * 1024;

  private ClientTlsPipeline() {}

  /** Installs the handlers on {@code client} (on its event loop) and starts reading. */
  static void install(
      ProxyServices services,
      Channel client,
      Interceptor.Tunnel tunnel,
      SslContext context,
      ByteBuf clientHello,
      TlsInterceptor.Parts parts) {
    SslHandler ssl = context.newHandler(client.alloc());
    ssl.setHandshakeTimeoutMillis(services.config().timeouts().requestHead().toMillis());
    ServerFlightMonitor flight = new ServerFlightMonitor();
    int maxHead = services.config().limits().maxHeaderSize();
    ChannelPipeline pipeline = client.pipeline();
    pipeline
        .addLast("tls-flight", flight)
        .addLast("tls", ssl)
        .addLast(
            "tls-handshake",
            new ClientHandshakeWatcher(services.gate().observer(), tunnel.facts(), flight))
        .addLast(
            "http",
            new HttpServerCodec(
                new HttpDecoderConfig()
                    .setMaxInitialLineLength(maxHead)
                    .setMaxHeaderSize(maxHead)
                    .setMaxChunkSize(MAX_CHUNK)))
        .addLast("intercepted", new InterceptedRequestHandler(services, tunnel, parts));
    pipeline.addBefore("tls", "client-hello-replay", new HelloReplay(clientHello));
    client.config().setAutoRead(true);
  }

  /**
   * Feeds the buffered ClientHello (and anything the client sent after it) to the {@code
   * SslHandler} as if just read, then leaves. It sits after the byte counter, which has counted
   * those bytes already.
   */
  private static final class HelloReplay extends ChannelInboundHandlerAdapter {
    private ByteBuf bytes;

    HelloReplay(ByteBuf bytes) {
      this.bytes = bytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      ByteBuf b = bytes;
      bytes = null;
      ctx.fireChannelRead(b);
      ctx.fireChannelReadComplete();
      ctx.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      if (bytes != null) {
        bytes.release();
        bytes = null;
      }
    }
  }
}
