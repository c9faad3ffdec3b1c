package dev.cutover.port;

import dev.cutover.domain.CutoverEvent;

/** Where progress goes for people and pipelines: console lines, JSON events, a dashboard. */
@FunctionalInterface
public interface Notifier {
  void publish(CutoverEvent event);

  Notifier NONE = e -> {};
}
