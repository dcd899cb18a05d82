package dev.agentgate.proxy.pipeline;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/**
 * The request methods the proxy forwards: those in the IANA HTTP Method Registry (except PRI, the
 * HTTP/2 preface). Anything else is answered with 400 and the connection closed, so an unknown verb
 * cannot smuggle a differently framed request past the proxy.
 */
public final class KnownMethods {
  private static final Set<String> REGISTERED =
      Set.of(
          "ACL",
          "BASELINE-CONTROL",
          "BIND",
          "CHECKIN",
          "CHECKOUT",
          "CONNECT",
          "COPY",
          "DELETE",
          "GET",
          "HEAD",
          "LABEL",
          "LINK",
          "LOCK",
          "MERGE",
          "MKACTIVITY",
          "MKCALENDAR",
          "MKCOL",
          "MKREDIRECTREF",
          "MKWORKSPACE",
          "MOVE",
          "OPTIONS",
          "ORDERPATCH",
          "PATCH",
          "POST",
          "PROPFIND",
          "PROPPATCH",
          "PUT",
          "QUERY",
          "REBIND",
          "REPORT",
          "SEARCH",
          "TRACE",
          "UNBIND",
          "UNCHECKOUT",
          "UNLINK",
          "UNLOCK",
          "UPDATE",
          "UPDATEREDIRECTREF",
          "VERSION-CONTROL");

  private KnownMethods() {}

  public static boolean isKnown(HttpMethod method) {
    // The common methods are interned constants: skip the set lookup for them.
    return method == HttpMethod.GET
        || method == HttpMethod.POST
        || method == HttpMethod.CONNECT
        || REGISTERED.contains(method.name());
  }
}
