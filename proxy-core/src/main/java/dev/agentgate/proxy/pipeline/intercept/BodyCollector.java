package dev.agentgate.proxy.pipeline.intercept;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Gathers a request body that must be inspected before it may leave, up to a limit: memory per
 * request is bounded by the redactor's {@code max_body_bytes}. Beyond it the body is uninspectable;
 * what was gathered can still be sent on as the first part of a streamed body. Owned by one event
 * loop; {@link #release()} frees whatever is still held.
 */
final class BodyCollector {
  private final long limit;
  private CompositeByteBuf body;
  private boolean complete;
  private boolean overflowed;

  BodyCollector(ByteBufAllocator alloc, long limit) {
    this.limit = limit;
    this.body = alloc.compositeBuffer(Integer.MAX_VALUE);
  }

  /**
   * Takes {@code content} (and its reference). Returns false once the body has grown past the
   * limit: the caller stops collecting and decides what to do with the uninspectable body.
   */
  boolean add(HttpContent content) {
    ByteBuf bytes = content.content();
    if (bytes.isReadable()) {
      body.addComponent(true, bytes.retain());
    }
    complete = content instanceof LastHttpContent;
    content.release();
    overflowed = body.readableBytes() > limit;
    return !overflowed;
  }

  /** True once the last piece of the body has arrived. */
  boolean complete() {
    return complete;
  }

  boolean overflowed() {
    return overflowed;
  }

  long size() {
    return body == null ? 0 : body.readableBytes();
  }

  /** The gathered bytes as an array (for the redactor); the buffer is released. */
  byte[] takeBytes() {
    byte[] bytes = ByteBufUtil.getBytes(body);
    release();
    return bytes;
  }

  /** The gathered bytes, to be sent on as they are; the caller owns the buffer. */
  ByteBuf takeBuffer() {
    ByteBuf b = body;
    body = null;
    return b;
  }

  void release() {
    if (body != null) {
      body.release();
      body = null;
    }
  }
}
