package dev.cutover.port;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Plan;
import io.vertx.core.Future;
import java.util.List;

/**
 * Notifications for people beyond the console (Slack, signed webhooks, PagerDuty): a supervisor listener hands
 * every event over, and delivery happens later, elsewhere. {@link #publish} never blocks, never fails and never
 * waits for a network: a notification must never delay a decision or a revert.
 */
public interface Notifications extends NotificationCounts {

  /** Queues what {@code event} of {@code plan} means for each sink that hears it; returns at once. */
  void publish(Plan plan, CutoverEvent event);

  /** What is wrong with {@code plan}'s {@code notify:} here (a sink these settings do not define); empty if fine. */
  List<String> problems(Plan plan);

  /**
   * Accepts nothing more and completes once every queued message is delivered or given up, or after the
   * settings' drain time (what is left is dropped and counted). Never fails.
   */
  Future<Void> close();

  /** No sinks: every call returns at once. */
  Notifications NONE = new Notifications() {
    @Override
    public void publish(Plan plan, CutoverEvent event) {}

    @Override
    public List<String> problems(Plan plan) {
      return List.of(); // a plan naming sinks is fine without notifications: the command line warns about it
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }

    @Override
    public List<Sink> perSink() {
      return List.of();
    }
  };
}
