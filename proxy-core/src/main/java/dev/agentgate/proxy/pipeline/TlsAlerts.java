package dev.agentgate.proxy.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A fatal TLS alert record, sent instead of a ServerHello when a tunnel is refused after its
 * ClientHello: the client's handshake fails with a clear alert rather than a bare reset.
 */
public final class TlsAlerts {
  private static final int CONTENT_TYPE_ALERT = 21;
  private static final int LEVEL_FATAL = 2;

  /** access_denied (49): the policy refused the connection. */
  public static final int ACCESS_DENIED = 49;

  /** handshake_failure (40): the proxy cannot complete the handshake the policy asks for. */
  public static final int HANDSHAKE_FAILURE = 40;

  /** internal_error (80): the proxy failed (for example it could not mint a certificate). */
  public static final int INTERNAL_ERROR = 80;

  private TlsAlerts() {}

  public static ByteBuf fatal(int description, ByteBufAllocator alloc) {
    return alloc
        .buffer(7)
        .writeByte(CONTENT_TYPE_ALERT)
        .writeShort(0x0303)
        .writeShort(2)
        .writeByte(LEVEL_FATAL)
        .writeByte(description);
  }
}
