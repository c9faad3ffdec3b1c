package dev.cutover.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A plan's {@code notify:} key: which of the server's sinks hear about this plan, and of what. It names sinks
 * only: their URLs and keys are secrets, defined where the server runs, never in a plan.
 */
public record NotifyPolicy(List<Route> routes) {
  public static final NotifyPolicy NONE = new NotifyPolicy(List.of());

  /**
   * @param sink a sink of the server's notification settings
   * @param events what this plan sends it; empty for the sink's own events
   */
  public record Route(String sink, Set<NoticeKind> events) {
    public Route {
      Objects.requireNonNull(sink, "sink");
      events = Set.copyOf(events);
    }
  }

  public NotifyPolicy {
    routes = List.copyOf(routes);
  }

  public Optional<Route> route(String sink) {
    return routes.stream().filter(r -> r.sink().equals(sink)).findFirst();
  }
}
