package dev.cutover.notify;

import dev.cutover.testkit.ManualScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Test kit: a transport that answers from a script (a status, a failure, or never) and records each request with
 * the scheduler time it was sent at. With nothing scripted it answers 200.
 */
final class FakeTransport implements Transport {
  record Sent(Instant at, Request request) {}

  private final ManualScheduler scheduler;
  private final Deque<Object> script = new ArrayDeque<>();
  final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  final List<Promise<Reply>> hanging = new ArrayList<>();

  FakeTransport(ManualScheduler scheduler) {
    this.scheduler = scheduler;
  }

  FakeTransport then(int status) {
    script.add(new Reply(status, null, ""));
    return this;
  }

  FakeTransport then(Reply reply) {
    script.add(reply);
    return this;
  }

  FakeTransport thenFail(String message) {
    script.add(new RuntimeException(message));
    return this;
  }

  /** The next request is never answered (until the test completes it from {@link #hanging}). */
  FakeTransport thenHang() {
    script.add(Boolean.FALSE);
    return this;
  }

  @Override
  public synchronized Future<Reply> post(Request request, Duration timeout) {
    sent.add(new Sent(scheduler.now(), request));
    Object next = script.isEmpty() ? new Reply(200, null, "ok") : script.poll();
    if (next instanceof Reply r) {
      return Future.succeededFuture(r);
    }
    if (next instanceof RuntimeException e) {
      return Future.failedFuture(e);
    }
    Promise<Reply> p = Promise.promise();
    hanging.add(p);
    return p.future();
  }

  List<String> bodies() {
    return sent.stream().map(s -> s.request().body()).toList();
  }
}
