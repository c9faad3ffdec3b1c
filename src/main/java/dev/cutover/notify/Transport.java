package dev.cutover.notify;

import io.vertx.core.Future;
import java.time.Duration;

/** Sends one request; a failed future is a network failure or a timeout (worth another attempt). */
interface Transport {
  Future<Reply> post(Request request, Duration timeout);

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
