package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.observe.ProxyError;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * What is wrong with a request head before any policy sees it: undecodable, too large, or an
 * unknown method. Each is answered by the proxy itself and the connection closed.
 *
 * @param status the answer's status
 * @param text one line for the answer's body
 * @param kind what observers are told
 */
record HeadProblem(HttpResponseStatus status, String text, ProxyError kind) {

  /** The problem with {@code request}'s head, or null when the proxy can go on with it. */
  static HeadProblem of(HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        return new HeadProblem(
            HttpResponseStatus.REQUEST_URI_TOO_LONG,
            "request line too long",
            ProxyError.HEADER_TOO_LARGE);
      }
      if (cause instanceof TooLongFrameException) {
        return new HeadProblem(
            HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "request head too large",
            ProxyError.HEADER_TOO_LARGE);
      }
      return new HeadProblem(
          HttpResponseStatus.BAD_REQUEST, "malformed request", ProxyError.BAD_REQUEST);
    }
    if (!KnownMethods.isKnown(request.method())) {
      return new HeadProblem(
          HttpResponseStatus.BAD_REQUEST, "unknown method", ProxyError.BAD_REQUEST);
    }
    return null;
  }
}
