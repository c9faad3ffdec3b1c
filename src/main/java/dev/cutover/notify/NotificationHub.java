package dev.cutover.notify;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Plan;
import dev.cutover.port.Notifications;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications of a process: every event of every plan comes in (a supervisor listener), is classified,
 * folded into the plan's {@link PlanContext}, and queued for each sink that hears it. Publishing never throws and
 * never waits: each sink's {@link SinkQueue} delivers later, on its own.
 */
public final class NotificationHub implements Notifications {
  private static final Logger log = LoggerFactory.getLogger(NotificationHub.class);

  private final NotifySettings settings;
  private final Map<NotifySettings.Sink, SinkQueue> queues;
  private final Transport transport;
  private final Supplier<String> ids;
  private final Map<String, PlanContext> contexts = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  NotificationHub(NotifySettings settings, Map<NotifySettings.Sink, SinkQueue> queues, Transport transport,
      Supplier<String> ids) {
    this.settings = settings;
    this.queues = Map.copyOf(queues);
    this.transport = transport;
    this.ids = ids;
  }

  static Supplier<String> randomIds() {
    return () -> UUID.randomUUID().toString();
  }

  @Override
  public void publish(Plan plan, CutoverEvent event) {
    try {
      PlanContext context = contexts.compute(plan.name(),
          (k, old) -> (old == null ? PlanContext.start(plan.steps().size()) : old).next(event));
      if (event instanceof CutoverEvent.Finished) {
        contexts.remove(plan.name());
      }
      Optional<Classification> c = Classification.of(event);
      if (c.isEmpty()) {
        return;
      }
      warnUnknownSinks(plan);
      Notice notice = new Notice(ids.get(), plan, event, c.get(), context, settings.publicUrl());
      queues.forEach((sink, queue) -> {
        if (Routing.hears(sink, plan.notifications(), c.get().kind()) && queue.outbound().accepts(notice)) {
          queue.offer(notice);
        }
      });
    } catch (RuntimeException bug) {
      log.warn("notifications: could not queue {} of plan {}: {}", event.type(), plan.name(), bug.toString());
    }
  }

  private void warnUnknownSinks(Plan plan) {
    List<String> unknown = Routing.unknownSinks(settings, plan.notifications());
    if (!unknown.isEmpty() && warned.add(plan.name())) {
      log.warn("plan {} names notification sink(s) {} that the --notify file does not define: they get nothing",
          plan.name(), unknown);
    }
  }

  @Override
  public List<String> problems(Plan plan) {
    return Routing.unknownSinks(settings, plan.notifications()).stream()
        .map(s -> "plan " + plan.name() + " names notification sink `" + s + "` (notify:), which the --notify file"
            + " does not define (it defines " + settings.sinks().stream().map(NotifySettings.Sink::name).toList()
            + "): define it there, or fix the name in the plan")
        .toList();
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> all = queues.values().stream().map(q -> q.close(settings.delivery().drain())).toList();
    return Future.join(all).compose(v -> transport.close(), v -> transport.close()).<Void>mapEmpty()
        .otherwiseEmpty();
  }

  @Override
  public List<Sink> perSink() {
    return settings.sinks().stream().map(s -> queues.get(s).counts()).toList();
  }
}
