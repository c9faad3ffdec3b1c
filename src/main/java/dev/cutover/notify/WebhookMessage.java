package dev.cutover.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Secret;
import dev.cutover.engine.EventJson;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The generic webhook: the notice as JSON (with the event itself, as the journal and the API write it), signed by
 * {@link Signature} at each attempt, with the notice's id in {@code X-Cutover-Delivery} for a receiver to drop
 * the repeats of a retried delivery.
 */
final class WebhookMessage implements Outbound {
  static final String DELIVERY = "X-Cutover-Delivery";
  private final NotifySettings.Webhook target;

  WebhookMessage(NotifySettings.Webhook target) {
    this.target = target;
  }

  @Override
  public Request request(Notice n, Instant now) {
    String body = body(n);
    long timestamp = now.getEpochSecond();
    return new Request(URI.create(target.url().reveal()), Map.of(
        "Content-Type", "application/json",
        "User-Agent", "cutover",
        DELIVERY, n.id(),
        Signature.TIMESTAMP, Long.toString(timestamp),
        Signature.HEADER, Signature.sign(target.key().reveal(), timestamp, body)), body);
  }

  @Override
  public List<Secret> secrets() {
    return List.of(target.url(), target.key());
  }

  static String body(Notice n) {
    Summary s = n.summary();
    PlanContext c = n.context();
    ObjectNode o = EventJson.mapper().createObjectNode();
    o.put("id", n.id());
    o.put("plan", n.plan().name());
    o.put("kind", n.classification().kind().label());
    o.put("type", n.event().type());
    o.put("at", n.event().at().toString());
    o.put("title", s.title());
    o.put("reason", s.reason());
    if (c.step() < 0) {
      o.putNull("step");
    } else {
      o.put("step", c.step() + 1);
    }
    o.put("steps", c.steps());
    o.put("split", c.split().percent());
    if (c.verdict() == null) {
      o.putNull("verdict");
    } else {
      o.put("verdict", c.verdict().name());
    }
    o.put("gates", c.gates());
    o.put("cutover", c.cutoverId());
    o.set("labels", EventJson.mapper().valueToTree(n.plan().labels()));
    o.put("link", n.link().map(URI::toString).orElse(null));
    o.set("event", EventJson.toTree(n.event()));
    try {
      return EventJson.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a webhook body", e);
    }
  }
}
