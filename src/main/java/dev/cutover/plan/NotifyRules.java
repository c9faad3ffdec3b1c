package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.NotifyPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A plan's {@code notify:} key: the server's sinks this plan reaches, by name, each with the events it sends there.
 * A plan never holds a sink's URL or key: those are secrets, read by the server from its environment.
 */
final class NotifyRules {
  static final Pattern SINK_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final List<String> KEYS = List.of("sink", "events");
  private static final String EXAMPLE = "notify: [{ sink: payments-slack, events: [approval-needed, reverted] }]";
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(url|secret|key|token|password).*");

  private final Fields fields;
  private final Problems problems;

  NotifyRules(Fields fields) {
    this.fields = fields;
    this.problems = fields.problems();
  }

  /** The plan's routes ({@link NotifyPolicy#NONE} without the key), or empty when any is wrong. */
  Optional<NotifyPolicy> read(ObjectNode root) {
    JsonNode node = Fields.get(root, "notify");
    if (node == null) {
      return Optional.of(NotifyPolicy.NONE);
    }
    if (!node.isArray()) {
      problems.error("notify", "expected a list of sinks, got " + Fields.describe(node), "write it like " + EXAMPLE);
      return Optional.empty();
    }
    List<NotifyPolicy.Route> routes = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      String at = Paths.index("notify", i);
      Optional<NotifyPolicy.Route> route = route(node.get(i), at);
      if (route.isEmpty()) {
        ok = false;
        continue;
      }
      Integer first = seen.putIfAbsent(route.get().sink(), i);
      if (first != null) {
        problems.error(at, "sink `" + route.get().sink() + "` is named twice (also notify[" + first + "])",
            "name each sink once, with every event it should hear");
        ok = false;
      }
      routes.add(route.get());
    }
    return ok ? Optional.of(new NotifyPolicy(routes)) : Optional.empty();
  }

  /** {@code payments-slack} or {@code { sink: payments-slack, events: [...] }}. */
  private Optional<NotifyPolicy.Route> route(JsonNode item, String at) {
    if (item.isTextual()) {
      return sinkName(item.asText(), at).map(n -> new NotifyPolicy.Route(n, Set.of()));
    }
    Optional<ObjectNode> o = fields.object(item, at, "{ sink: payments-slack, events: [reverted, failed] }");
    if (o.isEmpty()) {
      return Optional.empty();
    }
    if (refuseSecrets(o.get(), at)) {
      return Optional.empty();
    }
    fields.refuseUnknownKeys(o.get(), at, KEYS);
    Optional<String> sink = fields.text(o.get(), "sink", at, true, "payments-slack")
        .flatMap(n -> sinkName(n, Paths.child(at, "sink")));
    Optional<Set<NoticeKind>> events = Fields.get(o.get(), "events") == null
        ? Optional.of(Set.of()) : NoticeKinds.read(o.get(), at, fields);
    if (sink.isEmpty() || events.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NotifyPolicy.Route(sink.get(), events.get()));
  }

  /** A URL, key or secret written in a plan: refused, whatever its form. */
  private boolean refuseSecrets(ObjectNode o, String at) {
    boolean found = false;
    for (var names = o.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (SECRET_KEY.matcher(key).matches()) {
        problems.error(Paths.child(at, key), "`" + key + "` does not belong in a plan: sink URLs and keys are"
                + " secrets, and a plan is shared, reviewed and stored with the journal",
            "define the sink (with urlEnv or urlFile) in the server's --notify file (docs/notifications.md) and"
                + " name it here: sink: NAME");
        found = true;
      }
    }
    return found;
  }

  private Optional<String> sinkName(String name, String at) {
    if (SINK_NAME.matcher(name).matches()) {
      return Optional.of(name);
    }
    if (name.contains("://")) { // never repeat it: it may be a webhook URL, a secret
      problems.error(at, "a URL is not a sink name: a plan names a sink of the server's --notify file",
          "move the URL to the server (urlEnv or urlFile of a sink, docs/notifications.md), rotate it if this plan"
              + " was shared, and write the sink's name here");
      return Optional.empty();
    }
    problems.error(at, "sink name `" + name + "` is not 1 to 63 lowercase letters, digits and hyphens",
        "use the name of a sink of the server's --notify file");
    return Optional.empty();
  }
}
