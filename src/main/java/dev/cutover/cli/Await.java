package dev.cutover.cli;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;

/** Blocks the CLI's main thread (never an event loop) on a Vert.x Future. */
final class Await {
  private Await() {}

  static <T> T result(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
