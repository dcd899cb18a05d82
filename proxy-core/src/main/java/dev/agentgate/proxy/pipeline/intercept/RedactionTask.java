package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.redact.RedactionResult;
import dev.agentgate.policy.redact.Redactor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a redactor over one body. Redaction is CPU-bound (tens of MB/s per core): a small body is
 * done on the event loop at once (well under a millisecond), a larger one on the bounded worker
 * pool, so a multi-megabyte body never stalls the other connections of its event loop. The result
 * comes back on the channel's event loop either way.
 */
final class RedactionTask {
  /** Bodies up to this size are redacted on the event loop (roughly 0.1-0.4 ms of CPU). */
  static final int INLINE_LIMIT = 16 * 1024;

  private RedactionTask() {}

  /**
   * Redacts {@code body}; the future fails with {@link RejectedExecutionException} when the pool is
   * saturated, or with the redactor's exception if it has a bug.
   */
  static Future<RedactionResult> run(
      Redactor redactor,
      String contentType,
      String contentEncoding,
      byte[] body,
      Executor workers,
      EventExecutor loop) {
    if (body.length <= INLINE_LIMIT) {
      try {
        return loop.newSucceededFuture(redactor.redact(contentType, contentEncoding, body));
      } catch (RuntimeException e) {
        return loop.newFailedFuture(e);
      }
    }
    Promise<RedactionResult> promise = loop.newPromise();
    try {
      workers.execute(
          () -> {
            try {
              RedactionResult result = redactor.redact(contentType, contentEncoding, body);
              onLoop(loop, () -> promise.trySuccess(result));
            } catch (RuntimeException e) {
              onLoop(loop, () -> promise.tryFailure(e));
            }
          });
    } catch (RejectedExecutionException e) {
      promise.tryFailure(e);
    }
    return promise;
  }

  private static void onLoop(EventExecutor loop, Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // The loop is shutting down and its channels are closing: completing here is harmless.
      task.run();
    }
  }
}
