package dev.agentgate.proxy.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/**
 * A loopback HTTPS server for tests: presents one TLS context, answers every request with 200 "ok",
 * and records what clients negotiated (SNI, ALPN) and whether handshakes failed.
 */
final class TlsTestServer implements AutoCloseable {

  final Queue<String> serverNames = new ConcurrentLinkedQueue<>();
  final Queue<String> protocols = new ConcurrentLinkedQueue<>();
  final Queue<HandshakeFailure> handshakeFailures = new ConcurrentLinkedQueue<>();

  /** A failed handshake and whether the server's flight had gone out before it failed. */
  record HandshakeFailure(Throwable cause, boolean serverFlightSent) {
    ClientTlsFailure classified() {
      return ClientTlsFailure.of(cause, serverFlightSent);
    }
  }

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;

  TlsTestServer(SslContext context) throws InterruptedException {
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    SslHandler ssl = context.newHandler(ch.alloc());
                    ServerFlightMonitor monitor = new ServerFlightMonitor();
                    ch.pipeline()
                        .addLast(
                            monitor,
                            ssl,
                            new Recorder(ssl, monitor),
                            new HttpServerCodec(),
                            new Ok());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private final class Recorder extends ChannelInboundHandlerAdapter {
    private final SslHandler ssl;
    private final ServerFlightMonitor monitor;

    Recorder(SslHandler ssl, ServerFlightMonitor monitor) {
      this.ssl = ssl;
      this.monitor = monitor;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent done) {
        ctx.pipeline().remove(monitor);
        if (done.isSuccess()) {
          SSLSession session = ssl.engine().getSession();
          if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
              serverNames.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
            }
          }
          protocols.add(String.valueOf(ssl.applicationProtocol()));
        } else {
          handshakeFailures.add(new HandshakeFailure(done.cause(), monitor.flightSent()));
        }
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // Clients that reject the certificate close the connection; that is the expected outcome.
      ctx.close();
    }
  }

  private static final class Ok extends SimpleChannelInboundHandler<HttpObject> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpRequest) {
        FullHttpResponse response =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK,
                Unpooled.copiedBuffer("ok\n", StandardCharsets.US_ASCII));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 3);
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }
  }
}
