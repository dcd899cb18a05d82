package dev.agentgate.proxy.pipeline;

import io.netty.util.NetUtil;
import java.util.Locale;

/**
 * Where a client wants to go: the host (lower case, IPv6 without brackets), the port, and for
 * absolute-form requests the origin-form path to send upstream. Parsing is strict and
 * allocation-light: anything unusual (user info, odd host characters, a missing port) is refused.
 */
public record RequestTarget(String host, int port, String originForm) {
  private static final int MAX_HOST_LENGTH = 253;

  /**
   * Parses an absolute-form {@code http://host[:port][/path][?query]} request target; returns
   * {@code null} for origin-form, asterisk-form, another scheme, or anything malformed.
   */
  public static RequestTarget absoluteHttp(String uri) {
    if (uri.length() < 8 || !uri.regionMatches(true, 0, "http://", 0, 7)) {
      return null;
    }
    int start = 7;
    int end = start;
    while (end < uri.length()) {
      char c = uri.charAt(end);
      if (c == '/' || c == '?' || c == '#') {
        break;
      }
      end++;
    }
    RequestTarget authority = authority(uri.substring(start, end), 80);
    if (authority == null) {
      return null;
    }
    int fragment = uri.indexOf('#', end);
    String rest = fragment < 0 ? uri.substring(end) : uri.substring(end, fragment);
    String path = rest.isEmpty() ? "/" : rest.charAt(0) == '?' ? "/" + rest : rest;
    return new RequestTarget(authority.host(), authority.port(), path);
  }

  /** Parses the authority-form target of a CONNECT ({@code host:port}, port required). */
  public static RequestTarget connect(String authority) {
    return authority(authority, -1);
  }

  /**
   * Parses {@code host[:port]}; {@code defaultPort} &lt; 0 makes the port mandatory. Returns {@code
   * null} when malformed.
   */
  static RequestTarget authority(String text, int defaultPort) {
    if (text.isEmpty() || text.indexOf('@') >= 0) {
      return null;
    }
    String host;
    String portText;
    if (text.charAt(0) == '[') {
      int close = text.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = text.substring(1, close);
      if (!NetUtil.isValidIpV6Address(host)) {
        return null;
      }
      String after = text.substring(close + 1);
      if (after.isEmpty()) {
        portText = null;
      } else if (after.charAt(0) == ':') {
        portText = after.substring(1);
      } else {
        return null;
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon >= 0 && text.indexOf(':') != colon) {
        return null;
      }
      host = colon < 0 ? text : text.substring(0, colon);
      portText = colon < 0 ? null : text.substring(colon + 1);
      if (!validName(host)) {
        return null;
      }
    }
    int port = portText == null ? defaultPort : parsePort(portText);
    if (port <= 0) {
      return null;
    }
    return new RequestTarget(host.toLowerCase(Locale.ROOT), port, null);
  }

  /** The {@code host:port} form, with brackets around an IPv6 literal. */
  public String authority() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The Host header value for this target: the port only when not the scheme's default. */
  String hostHeader(int defaultPort) {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == defaultPort ? h : h + ":" + port;
  }

  private static boolean validName(String host) {
    if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return host.charAt(0) != '.' && host.charAt(0) != '-';
  }

  private static int parsePort(String text) {
    if (text.isEmpty() || text.length() > 5) {
      return -1;
    }
    int port = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      port = port * 10 + (c - '0');
    }
    return port <= 65535 ? port : -1;
  }
}
