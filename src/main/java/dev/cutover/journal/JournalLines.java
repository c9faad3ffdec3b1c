package dev.cutover.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.engine.EventJson;
import dev.cutover.port.JournalDamagedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The journal's line format, read and written the same way by every store. Pure.
 *
 * <p>Each line is one event in the <i>envelope</i> of its journal: {@code {"type":..., "plan":P, "cutover":C,
 * ...event fields}}, where {@code P} is the plan and {@code C} the id of the most recent {@code started} line
 * ({@code null} before any). Reading accepts a line only if it is one the journal could have written next:
 * <ul>
 *   <li>its plan is this journal's plan;
 *   <li>a {@code started} line introduces a new cutover id, and only once the previous cutover has finished
 *       (a controller resumes an unfinished cutover, it never starts another over it);
 *   <li>any other line names the cutover of the most recent {@code started} line;
 *   <li>lines without the envelope (the format before it existed) only before the first enveloped line: an old
 *       journal stays readable, but once this version has written to it nothing can be slipped in unenveloped.
 * </ul>
 * Anything else is refused with a {@link JournalDamagedException} naming the place, and nothing is adopted from
 * it. The writer checks its own lines the same way before it writes them.
 */
public final class JournalLines {
  static final String PLAN = "plan";
  static final String CUTOVER = "cutover";

  private final String plan;
  private final String source;
  private final Function<String, List<String>> repair;
  private final List<CutoverEvent> events = new ArrayList<>();
  private final Map<String, String> introduced = new HashMap<>(); // cutover id -> where its started line is
  private String current;
  private boolean currentEnded;
  private String firstEnveloped;

  /**
   * @param plan the plan this journal belongs to
   * @param source the journal, for messages (a file path, a table and partition)
   * @param repair how to repair a bad entry, step by step, given its location ("line 7"; null: the whole journal)
   */
  public JournalLines(String plan, String source, Function<String, List<String>> repair) {
    this.plan = plan;
    this.source = source;
    this.repair = repair;
  }

  /** An independent copy: to check a line before it is known to be written. */
  public JournalLines copy() {
    JournalLines c = new JournalLines(plan, source, repair);
    c.events.addAll(events);
    c.introduced.putAll(introduced);
    c.current = current;
    c.currentEnded = currentEnded;
    c.firstEnveloped = firstEnveloped;
    return c;
  }

  /** The cutover of the most recent {@code started} line, or null before any. */
  public String current() {
    return current;
  }

  /** The events accepted so far, oldest first. */
  public List<CutoverEvent> events() {
    return List.copyOf(events);
  }

  /** Accepts the entry at {@code location}, or throws {@link JournalDamagedException} and accepts nothing. */
  public CutoverEvent accept(String location, String text) {
    ObjectNode node = parse(location, text);
    boolean enveloped = node.has(CUTOVER);
    if (enveloped) {
      JsonNode p = node.get(PLAN);
      if (p == null || !p.isTextual()) {
        throw damaged(location, "has a \"cutover\" field but no \"plan\": not a line cutover writes");
      }
      if (!p.asText().equals(plan)) {
        throw damaged(location, "belongs to plan \"" + p.asText() + "\", not \"" + plan + "\"");
      }
    } else if (firstEnveloped != null) {
      throw damaged(location, "has no \"plan\" and \"cutover\" fields, yet follows " + firstEnveloped
          + ", which has them: cutover has written every line with them since then");
    }
    CutoverEvent event;
    try {
      event = EventJson.fromTree(node);
    } catch (IllegalArgumentException e) {
      throw damaged(location, "is not an event cutover can read (" + e.getMessage() + ")");
    }
    String cutover = enveloped && !node.get(CUTOVER).isNull() ? node.get(CUTOVER).asText() : null;
    if (event instanceof CutoverEvent.Started s) {
      checkStart(location, s, enveloped, cutover);
      introduced.put(s.cutoverId(), location);
      current = s.cutoverId();
      currentEnded = false;
    } else if (enveloped && (cutover == null ? current != null : !cutover.equals(current))) {
      throw damaged(location, strangerCutover(cutover));
    }
    if (event instanceof CutoverEvent.Finished || event instanceof CutoverEvent.PreflightFailed) {
      currentEnded = true;
    }
    if (enveloped && firstEnveloped == null) {
      firstEnveloped = location;
    }
    events.add(event);
    return event;
  }

  /** {@code event} as the next line of this journal (without a newline), in its envelope. */
  public String line(CutoverEvent event) {
    ObjectNode tree = EventJson.toTree(event);
    ObjectNode line = EventJson.mapper().createObjectNode();
    line.set("type", tree.remove("type"));
    line.put(PLAN, plan);
    line.put(CUTOVER, event instanceof CutoverEvent.Started s ? s.cutoverId() : current);
    line.setAll(tree);
    try {
      return EventJson.mapper().writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + event, e);
    }
  }

  /** A damage at {@code location} of this journal, with the events read before it. */
  public JournalDamagedException damaged(String location, String problem) {
    return new JournalDamagedException(source, location, problem, repair.apply(location), events);
  }

  private ObjectNode parse(String location, String text) {
    JsonNode node;
    try {
      node = EventJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw damaged(location, "is not JSON (" + e.getOriginalMessage() + "): " + excerpt(text));
    }
    if (node == null || !node.isObject()) {
      throw damaged(location, "is not a JSON object: " + excerpt(text));
    }
    return (ObjectNode) node;
  }

  private void checkStart(String location, CutoverEvent.Started s, boolean enveloped, String cutover) {
    if (!plan.equals(s.plan())) {
      throw damaged(location, "starts cutover " + s.cutoverId() + " of plan \"" + s.plan() + "\", not \"" + plan
          + "\"");
    }
    if (enveloped && !s.cutoverId().equals(cutover)) {
      throw damaged(location, "starts cutover " + s.cutoverId() + " but its \"cutover\" field says " + cutover);
    }
    if (introduced.containsKey(s.cutoverId())) {
      throw damaged(location, "starts cutover " + s.cutoverId() + " a second time (it started at "
          + introduced.get(s.cutoverId()) + ")");
    }
    if (current != null && !currentEnded) {
      throw damaged(location, "starts cutover " + s.cutoverId() + " while cutover " + current + " (started at "
          + introduced.get(current) + ") has not finished: cutover resumes an unfinished cutover, it never starts"
          + " another over it");
    }
  }

  private String strangerCutover(String cutover) {
    if (cutover == null) {
      return "names no cutover, but cutover " + current + " started at " + introduced.get(current);
    }
    if (introduced.containsKey(cutover)) {
      return "belongs to cutover " + cutover + ", but cutover " + current + " started after it, at "
          + introduced.get(current);
    }
    return "belongs to cutover " + cutover + ", which no started line introduced" + (current == null
        ? " (no cutover has started in this journal)" : " (the current one is " + current + ", started at "
        + introduced.get(current) + ")");
  }

  private static String excerpt(String text) {
    String oneLine = text.strip().replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
