package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import java.util.List;

/** The next state, the events to journal (before any action), and the actions to carry out. */
public record Decision(CutoverState state, List<CutoverEvent> events, List<Action> actions) {
  public Decision {
    events = List.copyOf(events);
    actions = List.copyOf(actions);
  }

  public static Decision nothing(CutoverState state) {
    return new Decision(state, List.of(), List.of());
  }
}
