package dev.cutover.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Secret;
import dev.cutover.engine.EventJson;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming webhook message: one {@code text} in Slack's mrkdwn with the plan, the step, the verdict, the
 * reason and a link to the dashboard. Every text from elsewhere (alarm names, reasons, operators) is escaped, so
 * it cannot turn into a link or a mention: Slack asks for exactly {@code &}, {@code <} and {@code >} to be escaped
 * (api.slack.com/reference/surfaces/formatting#escaping); a webhook takes a JSON body with "text"
 * (api.slack.com/messaging/webhooks).
 */
final class SlackMessage implements Outbound {
  private final NotifySettings.Slack target;

  SlackMessage(NotifySettings.Slack target) {
    this.target = target;
  }

  @Override
  public Request request(Notice n, Instant now) {
    try {
      String body = EventJson.mapper().writeValueAsString(Map.of("text", text(n)));
      return new Request(URI.create(target.url().reveal()), Map.of("Content-Type", "application/json"), body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a Slack message", e);
    }
  }

  @Override
  public List<Secret> secrets() {
    return List.of(target.url());
  }

  /** The message text; e.g. {@code :rotating_light: *api-prod* REVERTING to 100% Heroku: a gate tripped ...}. */
  static String text(Notice n) {
    Summary s = n.summary();
    StringBuilder t = new StringBuilder(icon(n)).append(" *").append(n.plan().name()).append("* ")
        .append(escape(s.title()));
    t.append("\n*Step:* ").append(escape(n.context().stepText()));
    t.append("\n*Verdict:* ").append(escape(n.context().verdictText()));
    if (!s.reason().isEmpty()) {
      t.append("\n*Reason:* ").append(escape(s.reason()));
    }
    n.link().ifPresent(link -> t.append("\n<").append(link).append("|Open ").append(n.plan().name())
        .append(" in the dashboard>"));
    return t.toString();
  }

  private static String icon(Notice n) {
    return switch (n.classification().kind()) {
      case STARTED -> ":arrow_forward:";
      case APPROVAL_NEEDED -> ":raising_hand:";
      case STEP_COMPLETED -> ":white_check_mark:";
      case REVERTED -> n.event() instanceof CutoverEvent.RevertIntent ? ":rotating_light:"
          : ":leftwards_arrow_with_hook:";
      case COMPLETED -> ":tada:";
      case FAILED -> ":x:";
    };
  }

  /** Slack's three control characters in text. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
