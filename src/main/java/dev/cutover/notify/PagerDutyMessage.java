package dev.cutover.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Secret;
import dev.cutover.engine.EventJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert event of PagerDuty's Events API v2 (POST /v2/enqueue; PagerDuty developer docs, "Send an Alert Event"):
 * {@code trigger} with a payload (summary up to 1024 characters, source, severity, timestamp, ...) when traffic is
 * at risk or a person must decide, {@code resolve} when the cutover completed or its revert is confirmed. Both
 * carry the plan's {@code dedup_key}, so the resolve closes the alert the trigger opened, and repeated triggers
 * land on the one open alert.
 */
final class PagerDutyMessage implements Outbound {
  static final int MAX_SUMMARY = 1024;
  private final NotifySettings.PagerDuty target;

  PagerDutyMessage(NotifySettings.PagerDuty target) {
    this.target = target;
  }

  @Override
  public boolean accepts(Notice n) {
    return n.classification().pager() != Classification.Pager.NONE;
  }

  @Override
  public Request request(Notice n, Instant now) {
    return new Request(target.endpoint(), Map.of("Content-Type", "application/json"),
        body(n, target.routingKey().reveal()));
  }

  @Override
  public List<Secret> secrets() {
    return List.of(target.routingKey());
  }

  /** One alert per plan: a later cutover of the plan opens a new one once this one is resolved. */
  static String dedupKey(Notice n) {
    return "cutover/" + n.plan().name();
  }

  static String body(Notice n, String routingKey) {
    Classification.Pager pager = n.classification().pager();
    ObjectNode o = EventJson.mapper().createObjectNode();
    o.put("routing_key", routingKey);
    o.put("event_action", pager.triggers() ? "trigger" : "resolve");
    o.put("dedup_key", dedupKey(n));
    if (pager.triggers()) {
      Summary s = n.summary();
      PlanContext c = n.context();
      ObjectNode payload = o.putObject("payload");
      payload.put("summary", truncate(n.plan().name() + ": " + s.title() + (s.reason().isEmpty() ? ""
          : " — " + s.reason())));
      payload.put("source", n.plan().records().get(0).name().replaceAll("\\.$", ""));
      payload.put("severity", pager.severity());
      payload.put("timestamp", n.event().at().toString());
      payload.put("component", "route53 weighted records");
      payload.put("group", n.plan().name());
      payload.put("class", n.event().type());
      ObjectNode details = payload.putObject("custom_details");
      details.put("plan", n.plan().name());
      details.put("zone", n.plan().zone());
      details.put("step", c.stepText());
      details.put("verdict", c.verdictText());
      details.put("reason", s.reason());
      details.put("cutover", c.cutoverId());
      o.put("client", "cutover");
      n.link().ifPresent(link -> {
        o.put("client_url", link.toString());
        o.putArray("links").addObject().put("href", link.toString()).put("text", "the cutover in the dashboard");
      });
    }
    try {
      return EventJson.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a PagerDuty event", e);
    }
  }

  private static String truncate(String s) {
    return s.length() <= MAX_SUMMARY ? s : s.substring(0, MAX_SUMMARY - 1) + "…";
  }
}
