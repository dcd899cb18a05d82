package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.observe.ProxyError;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.Locale;

/** Names why an upstream connect failed, for observers (metrics count refusals and timeouts). */
public final class UpstreamFailures {
  private UpstreamFailures() {}

  /**
   * The kind of a failed connect. Neither NIO nor epoll expose the errno portably, but both say
   * "Connection refused" in the {@link ConnectException} message for ECONNREFUSED.
   */
  public static ProxyError ofConnect(Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return ProxyError.UPSTREAM_CONNECT_TIMEOUT;
    }
    if (cause instanceof ConnectException
        && cause.getMessage() != null
        && cause.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
      return ProxyError.UPSTREAM_CONNECT_REFUSED;
    }
    return ProxyError.UPSTREAM_CONNECT_FAILED;
  }
}
