package dev.cutover.notify;

import dev.cutover.domain.NotifySettings;
import dev.cutover.port.Scheduler;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the notifications of a process from its --notify settings: one queue per sink, one HTTP client. */
public final class NotifyWiring {
  private NotifyWiring() {}

  /**
   * @param scheduler timers of retries and of the drain; wall time (a compressed scheduler would shorten the
   *     backoff a receiver asked for), and its clock stamps the webhook signatures
   */
  public static NotificationHub start(Vertx vertx, Scheduler scheduler, NotifySettings settings) {
    Transport transport = new VertxTransport(vertx, settings.delivery().timeout());
    return start(transport, scheduler, settings);
  }

  static NotificationHub start(Transport transport, Scheduler scheduler, NotifySettings settings) {
    Map<NotifySettings.Sink, Outbound> outbounds = new LinkedHashMap<>();
    settings.sinks().forEach(sink -> outbounds.put(sink, outbound(sink.target())));
    Redactor redactor = new Redactor(outbounds.values().stream().flatMap(o -> o.secrets().stream()).toList());
    Map<NotifySettings.Sink, SinkQueue> queues = new LinkedHashMap<>();
    outbounds.forEach((sink, out) -> queues.put(sink, new SinkQueue(sink.name(), sink.target().type(), out,
        transport, scheduler, settings.delivery(), redactor)));
    return new NotificationHub(settings, queues, transport, NotificationHub.randomIds());
  }

  static Outbound outbound(NotifySettings.Target target) {
    if (target instanceof NotifySettings.Slack s) {
      return new SlackMessage(s);
    } else if (target instanceof NotifySettings.Webhook w) {
      return new WebhookMessage(w);
    }
    return new PagerDutyMessage((NotifySettings.PagerDuty) target);
  }
}
