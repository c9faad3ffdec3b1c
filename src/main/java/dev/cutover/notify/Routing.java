package dev.cutover.notify;

import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.NotifyPolicy;
import dev.cutover.domain.NotifySettings;
import java.util.List;
import java.util.Set;

/** Which sinks hear which notices of a plan: the plan's {@code notify:} first, then each sink's own settings. */
final class Routing {
  private Routing() {}

  /**
   * A sink the plan names hears the kinds the plan lists for it (or the sink's own when it lists none); a sink the
   * plan does not name hears its own kinds, unless it is for named plans only ({@code plans: named}).
   */
  static boolean hears(NotifySettings.Sink sink, NotifyPolicy policy, NoticeKind kind) {
    return policy.route(sink.name())
        .map(route -> (route.events().isEmpty() ? sink.events() : route.events()).contains(kind))
        .orElse(sink.allPlans() && sink.events().contains(kind));
  }

  /** The sinks the plan names that {@code settings} does not define. */
  static List<String> unknownSinks(NotifySettings settings, NotifyPolicy policy) {
    Set<String> known = settings.sinks().stream().map(NotifySettings.Sink::name).collect(
        java.util.stream.Collectors.toSet());
    return policy.routes().stream().map(NotifyPolicy.Route::sink).filter(s -> !known.contains(s)).toList();
  }
}
