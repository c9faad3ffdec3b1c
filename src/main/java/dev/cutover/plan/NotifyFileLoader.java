package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.NotifySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Loads the --notify file of {@code cutover serve} and {@code cutover run} (YAML, or JSON) into {@link
 * NotifySettings}, with the plan's rules: every problem in one pass, each with its field path and a fix, never a
 * stack trace. Secrets are read from the environment or secret files here, and no message repeats one.
 */
public final class NotifyFileLoader {
  private static final List<String> KEYS = List.of("publicUrl", "delivery", "sinks");
  private static final List<String> DELIVERY_KEYS =
      List.of("queue", "timeout", "attempts", "backoff", "maxBackoff", "drain");
  private static final String SINKS_EXAMPLE = "sinks: { releases: { type: slack, urlEnv: SLACK_WEBHOOK } }";

  private final Function<String, String> env;

  /** @param env the environment ({@code System::getenv}); a test passes a map's {@code get} */
  public NotifyFileLoader(Function<String, String> env) {
    this.env = env;
  }

  public NotifyFileLoad load(Path file) {
    return PlanFile.load(file, this::parse, refused -> new NotifyFileLoad(Optional.empty(), List.of(refused)));
  }

  /** @param sourceName where the text came from, for messages that name the file */
  public NotifyFileLoad parse(String text, String sourceName) {
    if (text.isBlank()) {
      return new NotifyFileLoad(Optional.empty(), List.of(PlanProblem.error("", "the file is empty",
          "define the sinks: " + SINKS_EXAMPLE + " (config/notify.example.yaml)")));
    }
    // a bug's message could quote a value read from a secret: only its class is reported
    YamlTree.Walked<NotifySettings> walked = YamlTree.walk(text, sourceName, "report this as a bug",
        (root, fields) -> {
          try {
            return walk(root, fields);
          } catch (RuntimeException bug) {
            throw new IllegalStateException(bug.getClass().getName());
          }
        });
    return new NotifyFileLoad(walked.value(), walked.problems());
  }

  private Optional<NotifySettings> walk(JsonNode node, Fields fields) {
    Problems problems = fields.problems();
    Optional<ObjectNode> mapping = fields.root(node, "a --notify file is a mapping of keys (publicUrl, delivery,"
        + " sinks)", KEYS, "config/notify.example.yaml");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode root = mapping.get();
    Optional<Optional<URI>> publicUrl = publicUrl(root, fields);
    Optional<NotifySettings.Delivery> delivery = delivery(root, fields);
    Optional<List<NotifySettings.Sink>> sinks = sinks(root, fields);
    if (problems.hasErrors() || publicUrl.isEmpty() || delivery.isEmpty() || sinks.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NotifySettings(publicUrl.get(), delivery.get(), sinks.get()));
  }

  private Optional<List<NotifySettings.Sink>> sinks(ObjectNode root, Fields fields) {
    JsonNode node = Fields.get(root, "sinks");
    if (node == null || node.isObject() && node.isEmpty()) {
      fields.problems().error("sinks", "`sinks` is missing or empty: there is nowhere to send notifications",
          "add at least one, e.g. " + SINKS_EXAMPLE);
      return Optional.empty();
    }
    Optional<ObjectNode> map = fields.object(node, "sinks", SINKS_EXAMPLE);
    if (map.isEmpty()) {
      return Optional.empty();
    }
    SinkRules rules = new SinkRules(fields, env);
    List<NotifySettings.Sink> sinks = new ArrayList<>();
    boolean ok = true;
    for (var e : (Iterable<Map.Entry<String, JsonNode>>) map.get()::fields) {
      Optional<NotifySettings.Sink> sink = rules.read(e.getKey(), e.getValue());
      ok &= sink.isPresent();
      sink.ifPresent(sinks::add);
    }
    return ok ? Optional.of(sinks) : Optional.empty();
  }

  /** Present (maybe empty) when right or absent; empty when wrong. */
  private static Optional<Optional<URI>> publicUrl(ObjectNode root, Fields fields) {
    Optional<String> text = fields.text(root, "publicUrl", "", false, "https://cutover.example.com");
    if (text.isEmpty()) {
      return Fields.get(root, "publicUrl") == null ? Optional.of(Optional.empty()) : Optional.empty();
    }
    Optional<URI> url = publicUrl(text.get());
    if (url.isEmpty()) {
      fields.problems().error("publicUrl", "`" + text.get() + "` is not an http(s) URL",
          "write the address people open the dashboard at, e.g. publicUrl: https://cutover.example.com");
      return Optional.empty();
    }
    return Optional.of(url);
  }

  /** An absolute http(s) URL without a trailing slash (links append {@code /cutovers/NAME}), or empty. */
  public static Optional<URI> publicUrl(String text) {
    return SecretReads.url(text).map(u -> URI.create(u.toString().replaceAll("/+$", "")));
  }

  private static Optional<NotifySettings.Delivery> delivery(ObjectNode root, Fields fields) {
    NotifySettings.Delivery d = NotifySettings.Delivery.DEFAULTS;
    JsonNode node = Fields.get(root, "delivery");
    if (node == null) {
      return Optional.of(d);
    }
    Optional<ObjectNode> o = fields.object(node, "delivery", "{ queue: 100, timeout: 10s, attempts: 6 }");
    if (o.isEmpty()) {
      return Optional.empty();
    }
    fields.refuseUnknownKeys(o.get(), "delivery", DELIVERY_KEYS);
    OptionalInt queue = count(o.get(), "queue", d.queue(), 10_000, fields);
    OptionalInt attempts = count(o.get(), "attempts", d.attempts(), 20, fields);
    Optional<Duration> timeout = duration(o.get(), "timeout", d.timeout(), true, fields);
    Optional<Duration> backoff = duration(o.get(), "backoff", d.backoff(), false, fields);
    Optional<Duration> maxBackoff = duration(o.get(), "maxBackoff", d.maxBackoff(), false, fields);
    Optional<Duration> drain = duration(o.get(), "drain", d.drain(), false, fields);
    if (queue.isEmpty() || attempts.isEmpty() || timeout.isEmpty() || backoff.isEmpty() || maxBackoff.isEmpty()
        || drain.isEmpty()) {
      return Optional.empty();
    }
    if (maxBackoff.get().compareTo(backoff.get()) < 0) {
      fields.problems().error("delivery.maxBackoff", "maxBackoff " + Durations.format(maxBackoff.get())
          + " is shorter than backoff " + Durations.format(backoff.get()), "make maxBackoff at least backoff");
      return Optional.empty();
    }
    return Optional.of(new NotifySettings.Delivery(queue.getAsInt(), timeout.get(), attempts.getAsInt(),
        backoff.get(), maxBackoff.get(), drain.get()));
  }

  private static OptionalInt count(ObjectNode o, String key, int fallback, int max, Fields fields) {
    if (Fields.get(o, key) == null) {
      return OptionalInt.of(fallback);
    }
    OptionalInt n = fields.integer(o, key, "delivery", false, String.valueOf(fallback));
    if (n.isPresent() && (n.getAsInt() < 1 || n.getAsInt() > max)) {
      fields.problems().error(Paths.child("delivery", key), key + " " + n.getAsInt() + " is outside 1.." + max,
          "use e.g. " + key + ": " + fallback);
      return OptionalInt.empty();
    }
    return n;
  }

  private static Optional<Duration> duration(ObjectNode o, String key, Duration fallback, boolean positive,
      Fields fields) {
    if (Fields.get(o, key) == null) {
      return Optional.of(fallback);
    }
    Optional<Duration> d = fields.duration(o, key, "delivery", false, Durations.format(fallback));
    if (positive && d.isPresent() && d.get().isZero()) {
      fields.problems().error(Paths.child("delivery", key), key + " 0s is not positive",
          "use e.g. " + key + ": " + Durations.format(fallback));
      return Optional.empty();
    }
    return d;
  }
}
