package dev.cutover.domain;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where notifications go, server-wide ({@code cutover serve --notify FILE}, {@code cutover run --notify FILE}): the
 * sinks with their secrets (read from the environment or files), which events each hears, and how delivery
 * behaves. A plan's {@link NotifyPolicy} picks among these sinks by name.
 *
 * @param publicUrl the server's external URL, for links to the dashboard in messages
 */
public record NotifySettings(Optional<URI> publicUrl, Delivery delivery, List<Sink> sinks) {

  public NotifySettings {
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(delivery, "delivery");
    sinks = List.copyOf(sinks);
  }

  public NotifySettings withPublicUrl(URI url) {
    return new NotifySettings(Optional.of(url), delivery, sinks);
  }

  public Optional<Sink> sink(String name) {
    return sinks.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * @param name what plans call it
   * @param events what it hears from plans that do not choose (and from every plan, when {@code allPlans})
   * @param allPlans every plan's notices, or only those of plans whose {@code notify:} names it
   */
  public record Sink(String name, Target target, Set<NoticeKind> events, boolean allPlans) {
    public Sink {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(target, "target");
      events = Set.copyOf(events);
    }
  }

  /** Where a sink's messages go; every secret is a {@link Secret}. */
  public sealed interface Target {
    /** "slack", "webhook", "pagerduty" */
    String type();
  }

  /** A Slack incoming webhook: its URL is the secret. */
  public record Slack(Secret url) implements Target {
    @Override
    public String type() {
      return "slack";
    }
  }

  /** Any HTTP endpoint: a JSON body signed with HMAC-SHA256 under {@code key}. */
  public record Webhook(Secret url, Secret key) implements Target {
    @Override
    public String type() {
      return "webhook";
    }
  }

  /** PagerDuty's Events API v2 at {@code endpoint}, on the service of {@code routingKey}. */
  public record PagerDuty(URI endpoint, Secret routingKey) implements Target {
    public static final URI DEFAULT_ENDPOINT = URI.create("https://events.pagerduty.com/v2/enqueue");

    @Override
    public String type() {
      return "pagerduty";
    }
  }

  /**
   * How messages are delivered: a bounded queue per sink, attempts with exponential backoff.
   *
   * @param queue messages waiting per sink; when full the oldest waiting one is dropped
   * @param timeout one HTTP attempt
   * @param attempts per message, the first one included
   * @param backoff the wait after the first failed attempt, doubled after each one up to {@code maxBackoff}
   * @param drain how long {@code cutover run} waits at its end for queued messages
   */
  public record Delivery(int queue, Duration timeout, int attempts, Duration backoff, Duration maxBackoff,
      Duration drain) {
    public static final Delivery DEFAULTS = new Delivery(100, Duration.ofSeconds(10), 6, Duration.ofSeconds(1),
        Duration.ofMinutes(1), Duration.ofSeconds(5));

    public Delivery {
      if (queue < 1 || attempts < 1) {
        throw new IllegalArgumentException("queue and attempts must be at least 1");
      }
      if (timeout.isZero() || timeout.isNegative() || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0
          || drain.isNegative()) {
        throw new IllegalArgumentException("need timeout > 0, 0 <= backoff <= maxBackoff, drain >= 0");
      }
    }
  }
}
