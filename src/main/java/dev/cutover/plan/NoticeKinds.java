package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.NoticeKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An {@code events:} list of notice kinds, in a plan's {@code notify:} or a sink of the server's --notify file. */
final class NoticeKinds {
  static final String EXAMPLE = "events: [approval-needed, reverted, completed, failed]";
  private static final List<String> LABELS = Arrays.stream(NoticeKind.values()).map(NoticeKind::label).toList();

  private NoticeKinds() {}

  /** The kinds listed at {@code parent.events}, or empty (reported) when it is missing, empty or wrong. */
  static Optional<Set<NoticeKind>> read(ObjectNode parent, String path, Fields fields) {
    Optional<List<JsonNode>> items = fields.list(parent, "events", path, EXAMPLE);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    Set<NoticeKind> kinds = EnumSet.noneOf(NoticeKind.class);
    boolean ok = true;
    for (int i = 0; i < items.get().size(); i++) {
      String at = Paths.index(Paths.child(path, "events"), i);
      Optional<String> label = fields.textValue(items.get().get(i), at, "reverted");
      if (label.isEmpty()) {
        ok = false;
        continue;
      }
      Optional<NoticeKind> kind = NoticeKind.parse(label.get());
      if (kind.isEmpty()) {
        fields.problems().error(at, "`" + label.get() + "` is not an event to notify on",
            Fields.closest(label.get(), LABELS).map(c -> "did you mean `" + c + "`?")
                .orElse("use some of: " + NoticeKind.labels()));
        ok = false;
      } else if (!kinds.add(kind.get())) {
        fields.problems().error(at, "`" + kind.get().label() + "` is listed twice", "remove the duplicate");
        ok = false;
      }
    }
    return ok ? Optional.of(kinds) : Optional.empty();
  }
}
