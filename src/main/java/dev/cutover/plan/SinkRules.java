package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Secret;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** One sink of the --notify file: {@code sinks: { releases: { type: slack, urlEnv: SLACK_WEBHOOK } }}. */
final class SinkRules {
  /** What a sink hears unless its file says: PagerDuty pages on what needs a person, chat hears everything. */
  static final Set<NoticeKind> PAGER_DEFAULT =
      EnumSet.of(NoticeKind.REVERTED, NoticeKind.FAILED, NoticeKind.COMPLETED);
  private static final Map<String, List<String>> KEYS = Map.of(
      "slack", List.of("type", "urlEnv", "urlFile", "events", "plans"),
      "webhook", List.of("type", "urlEnv", "urlFile", "secretEnv", "secretFile", "events", "plans"),
      "pagerduty", List.of("type", "routingKeyEnv", "routingKeyFile", "url", "events", "plans"));
  private static final String TYPES = "slack, webhook or pagerduty";

  private final Fields fields;
  private final Problems problems;
  private final SecretReads secrets;

  SinkRules(Fields fields, Function<String, String> env) {
    this.fields = fields;
    this.problems = fields.problems();
    this.secrets = new SecretReads(fields, env);
  }

  Optional<NotifySettings.Sink> read(String name, JsonNode node) {
    String path = Paths.child("sinks", name);
    if (!NotifyRules.SINK_NAME.matcher(name).matches()) {
      problems.error(path, "sink name `" + name + "` is not 1 to 63 lowercase letters, digits and hyphens",
          "name it like releases-slack: plans use this name in their notify: key");
      return Optional.empty();
    }
    Optional<ObjectNode> o = fields.object(node, path, "{ type: slack, urlEnv: SLACK_WEBHOOK }");
    if (o.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> type = fields.text(o.get(), "type", path, true, "slack")
        .map(t -> t.trim().toLowerCase(Locale.ROOT));
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (!KEYS.containsKey(type.get())) {
      problems.error(Paths.child(path, "type"), "unknown sink type `" + type.get() + "`", "use " + TYPES);
      return Optional.empty();
    }
    fields.refuseUnknownKeys(o.get(), path, withSecretKeys(KEYS.get(type.get())));
    Optional<NotifySettings.Target> target = target(type.get(), o.get(), path);
    Optional<Set<NoticeKind>> events = Fields.get(o.get(), "events") == null
        ? Optional.of(type.get().equals("pagerduty") ? PAGER_DEFAULT : EnumSet.allOf(NoticeKind.class))
        : NoticeKinds.read(o.get(), path, fields);
    Optional<Boolean> allPlans = plans(o.get(), path);
    if (target.isEmpty() || events.isEmpty() || allPlans.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NotifySettings.Sink(name, target.get(), events.get(), allPlans.get()));
  }

  /** The literal secret keys are known here (SecretReads refuses them with their own message). */
  private static List<String> withSecretKeys(List<String> keys) {
    return keys.contains("urlEnv")
        ? java.util.stream.Stream.concat(keys.stream(), java.util.stream.Stream.of("url", "secret")).toList()
        : java.util.stream.Stream.concat(keys.stream(), java.util.stream.Stream.of("routingKey")).toList();
  }

  private Optional<NotifySettings.Target> target(String type, ObjectNode o, String path) {
    switch (type) {
      case "slack": {
        return url(o, path, "the Slack webhook URL").map(NotifySettings.Slack::new);
      }
      case "webhook": {
        Optional<Secret> url = url(o, path, "the webhook URL");
        Optional<Secret> key = secrets.read(o, path, "secret", "the webhook's signing key", "CUTOVER_WEBHOOK_KEY");
        key.filter(k -> k.reveal().length() < 16).ifPresent(k -> problems.error(Paths.child(path,
                Fields.get(o, "secretEnv") != null ? "secretEnv" : "secretFile"),
            "the signing key from " + k.source() + " is shorter than 16 characters: easy to guess",
            "use a random key of 32 bytes or more, e.g. `openssl rand -hex 32`"));
        if (url.isEmpty() || key.isEmpty() || key.get().reveal().length() < 16) {
          return Optional.empty();
        }
        return Optional.of(new NotifySettings.Webhook(url.get(), key.get()));
      }
      default: {
        Optional<Secret> key = secrets.read(o, path, "routingKey", "the PagerDuty routing key", "PD_ROUTING_KEY");
        Optional<URI> endpoint = endpoint(o, path);
        if (key.isEmpty() || endpoint.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(new NotifySettings.PagerDuty(endpoint.get(), key.get()));
      }
    }
  }

  private Optional<Secret> url(ObjectNode o, String path, String what) {
    Optional<Secret> url = secrets.read(o, path, "url", what, "SLACK_WEBHOOK");
    String at = Paths.child(path, Fields.get(o, "urlEnv") != null ? "urlEnv" : "urlFile");
    return url.filter(u -> secrets.isUrl(u, at, what));
  }

  /** PagerDuty's endpoint is no secret (the routing key is): {@code url:} may name another region's. */
  private Optional<URI> endpoint(ObjectNode o, String path) {
    Optional<String> text = fields.text(o, "url", path, false, NotifySettings.PagerDuty.DEFAULT_ENDPOINT.toString());
    if (text.isEmpty()) {
      return Fields.get(o, "url") == null ? Optional.of(NotifySettings.PagerDuty.DEFAULT_ENDPOINT) : Optional.empty();
    }
    Optional<URI> u = SecretReads.url(text.get());
    if (u.isEmpty()) {
      problems.error(Paths.child(path, "url"), "`" + text.get() + "` is not an http(s) URL",
          "leave url out for " + NotifySettings.PagerDuty.DEFAULT_ENDPOINT + ", or write the Events API v2"
              + " endpoint of your PagerDuty region");
    }
    return u;
  }

  private Optional<Boolean> plans(ObjectNode o, String path) {
    Optional<String> text = fields.text(o, "plans", path, false, "all");
    if (text.isEmpty()) {
      return Fields.get(o, "plans") == null ? Optional.of(true) : Optional.empty();
    }
    switch (text.get().trim().toLowerCase(Locale.ROOT)) {
      case "all":
        return Optional.of(true);
      case "named":
        return Optional.of(false);
      default:
        problems.error(Paths.child(path, "plans"), "plans `" + text.get() + "` is neither all nor named",
            "write plans: all (every plan's notices, the default) or plans: named (only plans whose notify:"
                + " names this sink)");
        return Optional.empty();
    }
  }
}
