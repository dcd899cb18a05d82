package dev.agentgate.proxy.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Notes whether the server's first TLS flight (ServerHello, and with it the minted certificate) has
 * gone out. Placed on the socket side of the {@code SslHandler} for the handshake only: a client
 * that gives up after that flight almost always refused the certificate, but with TLS 1.3 the JDK
 * often cannot read its alert (OpenSSL-based clients send it unencrypted, the JDK client just
 * closes), so this is how {@link ClientTlsFailure} tells a rejection from an early hang-up. One
 * instance per channel, used on its event loop only.
 */
public final class ServerFlightMonitor extends ChannelOutboundHandlerAdapter {

  /** TLS record content type of handshake messages (alerts are 21 and do not count). */
  private static final byte HANDSHAKE_RECORD = 22;

  private boolean flightSent;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!flightSent
        && msg instanceof ByteBuf buf
        && buf.isReadable()
        && buf.getByte(buf.readerIndex()) == HANDSHAKE_RECORD) {
      flightSent = true;
    }
    ctx.write(msg, promise);
  }

  /** Whether a handshake record (the server's flight) was written to the client. */
  public boolean flightSent() {
    return flightSent;
  }
}
