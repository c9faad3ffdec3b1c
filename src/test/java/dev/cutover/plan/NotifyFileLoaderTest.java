package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.NotifySettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The --notify file: sinks with their secrets from the environment or files, events, delivery; every problem with
 * its path and a fix, and no problem that repeats a secret.
 */
class NotifyFileLoaderTest {
  static final String SLACK_URL = "https://hooks.slack.com/services/T0001/B0001/SLACKSECRET0001";
  static final String KEY = "0123456789abcdef0123456789abcdef-HMACSECRET";
  static final String ROUTING = "R0UTINGKEYSECRET0000000000000001";
  @TempDir Path dir;

  static final Map<String, String> ENV = Map.of("SLACK_WEBHOOK", SLACK_URL, "HOOK_KEY", KEY,
      "NOT_A_URL", "hooks.slack.com/services/T0001/B0001/SLACKSECRET0001", "PLAIN", "http://hooks.example.com/x");

  static NotifyFileLoad parse(String yaml) {
    return new NotifyFileLoader(ENV::get).parse(yaml, "notify.yaml");
  }

  static PlanProblem onlyError(NotifyFileLoad load, String path, String... parts) {
    assertThat(load.problems()).as("problems").hasSize(1);
    PlanProblem p = load.problems().get(0);
    assertThat(p.isError()).as("an error: %s", p).isTrue();
    assertThat(p.path()).as("path of %s", p).isEqualTo(path);
    assertThat(p.message()).as("message of %s", p).contains(parts);
    assertThat(p.fix()).isNotBlank();
    assertThat(load.settings()).isEmpty();
    assertThat(p.message() + p.fix()).doesNotContain("SECRET");
    return p;
  }

  @Test
  void readsEverySinkTypeWithSecretsFromTheEnvironmentAndFiles() throws Exception {
    Path routing = Files.writeString(dir.resolve("pd"), ROUTING + "\n");
    NotifyFileLoad load = parse("""
        publicUrl: https://cutover.example.com/
        delivery: { queue: 10, timeout: 2s, attempts: 3, backoff: 100ms, maxBackoff: 1s, drain: 1s }
        sinks:
          releases:
            type: slack
            urlEnv: SLACK_WEBHOOK
            events: [approval-needed, reverted]
          audit:
            type: webhook
            urlEnv: SLACK_WEBHOOK
            secretEnv: HOOK_KEY
            plans: named
          oncall:
            type: pagerduty
            routingKeyFile: %s
        """.formatted(routing));

    assertThat(load.problems()).isEmpty();
    NotifySettings s = load.settings().orElseThrow();
    assertThat(s.publicUrl()).contains(URI.create("https://cutover.example.com"));
    assertThat(s.delivery()).isEqualTo(new NotifySettings.Delivery(10, Duration.ofSeconds(2), 3,
        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    NotifySettings.Sink releases = s.sink("releases").orElseThrow();
    assertThat(((NotifySettings.Slack) releases.target()).url().reveal()).isEqualTo(SLACK_URL);
    assertThat(releases.events()).containsExactlyInAnyOrder(NoticeKind.APPROVAL_NEEDED, NoticeKind.REVERTED);
    assertThat(releases.allPlans()).isTrue();
    NotifySettings.Sink audit = s.sink("audit").orElseThrow();
    assertThat(((NotifySettings.Webhook) audit.target()).key().reveal()).isEqualTo(KEY);
    assertThat(audit.events()).isEqualTo(EnumSet.allOf(NoticeKind.class));
    assertThat(audit.allPlans()).isFalse();
    NotifySettings.PagerDuty pd = (NotifySettings.PagerDuty) s.sink("oncall").orElseThrow().target();
    assertThat(pd.routingKey().reveal()).as("the file's trailing newline is not part of the key").isEqualTo(ROUTING);
    assertThat(pd.endpoint()).isEqualTo(NotifySettings.PagerDuty.DEFAULT_ENDPOINT);
    assertThat(s.sink("oncall").orElseThrow().events()).as("PagerDuty pages on what needs a person")
        .containsExactlyInAnyOrder(NoticeKind.REVERTED, NoticeKind.FAILED, NoticeKind.COMPLETED);
    assertThat(s.toString()).as("settings print without their secrets").doesNotContain("SECRET");
  }

  @Test
  void refusesALiteralSecretAndSaysWhereSecretsGo() {
    PlanProblem p = onlyError(parse("sinks:\n  releases: { type: slack, url: " + SLACK_URL + " }\n"),
        "sinks.releases.url", "is a secret");
    assertThat(p.fix()).contains("urlEnv", "urlFile", "rotate");
    onlyError(parse("sinks:\n  oncall: { type: pagerduty, routingKey: " + ROUTING + " }\n"),
        "sinks.oncall.routingKey", "is a secret");
  }

  @Test
  void reportsAMissingVariableOrFileByName() {
    onlyError(parse("sinks:\n  releases: { type: slack, urlEnv: NOPE }\n"), "sinks.releases.urlEnv",
        "environment variable NOPE is not set");
    onlyError(parse("sinks:\n  releases: { type: slack, urlFile: " + dir.resolve("none") + " }\n"),
        "sinks.releases.urlFile", "does not exist");
    onlyError(parse("sinks:\n  releases: { type: slack }\n"), "sinks.releases", "the Slack webhook URL is missing");
    onlyError(parse("sinks:\n  releases: { type: slack, urlEnv: SLACK_WEBHOOK, urlFile: /x }\n"),
        "sinks.releases.urlFile", "both urlEnv and urlFile");
  }

  @Test
  void refusesAValueThatIsNoUrlWithoutRepeatingIt() {
    onlyError(parse("sinks:\n  releases: { type: slack, urlEnv: NOT_A_URL }\n"), "sinks.releases.urlEnv",
        "the value of $NOT_A_URL is not an http(s) URL");
  }

  @Test
  void warnsAboutAPlainHttpUrlBeyondThisMachine() {
    NotifyFileLoad load = parse("sinks:\n  releases: { type: slack, urlEnv: PLAIN }\n");
    assertThat(load.settings()).isPresent();
    assertThat(load.warnings()).singleElement().satisfies(w -> {
      assertThat(w.path()).isEqualTo("sinks.releases.urlEnv");
      assertThat(w.message()).contains("plain http");
    });
  }

  @Test
  void refusesAShortSigningKey() {
    NotifyFileLoad load = new NotifyFileLoader(Map.of("URL", SLACK_URL, "SHORT", "abc")::get).parse(
        "sinks:\n  audit: { type: webhook, urlEnv: URL, secretEnv: SHORT }\n", "n.yaml");
    onlyError(load, "sinks.audit.secretEnv", "shorter than 16 characters");
  }

  @Test
  void reportsEveryProblemInOnePassWithItsPath() {
    NotifyFileLoad load = parse("""
        publicUrl: cutover.example.com
        delivery: { queue: 0, timeot: 1s }
        sinks:
          releases: { type: slak, urlEnv: SLACK_WEBHOOK }
          oncall: { type: pagerduty, routingKeyEnv: NOPE, events: [revert] }
        """);

    assertThat(load.problems()).extracting(PlanProblem::path).containsExactly("publicUrl", "delivery.queue",
        "delivery.timeot", "sinks.releases.type", "sinks.oncall.routingKeyEnv", "sinks.oncall.events[0]");
    assertThat(load.problems()).filteredOn(p -> p.path().equals("delivery.timeot")).singleElement()
        .satisfies(p -> assertThat(p.fix()).contains("did you mean `timeout`?"));
  }

  @Test
  void refusesAnEmptyFileOrOneWithoutSinks() {
    onlyError(parse(" \n"), "", "the file is empty");
    onlyError(parse("publicUrl: https://x.example.com\n"), "sinks", "`sinks` is missing or empty");
  }

  @Test
  void readsJsonToo() {
    NotifyFileLoad load = parse("{\"sinks\": {\"releases\": {\"type\": \"slack\", \"urlEnv\": \"SLACK_WEBHOOK\"}}}");
    assertThat(load.problems()).isEmpty();
    assertThat(load.settings().orElseThrow().sinks()).extracting(NotifySettings.Sink::name)
        .isEqualTo(List.of("releases"));
  }

  @Test
  void theShippedExampleLoadsGivenItsSecrets() throws Exception {
    Path audit = Files.writeString(dir.resolve("audit-url"), "https://audit.example.com/cutover\n");
    String text = Files.readString(Path.of("config/notify.example.yaml"))
        .replace("/run/secrets/audit-webhook-url", audit.toString());
    Map<String, String> env = Map.of("SLACK_WEBHOOK", SLACK_URL, "AUDIT_WEBHOOK_KEY", KEY,
        "PAGERDUTY_ROUTING_KEY", ROUTING, "PAYMENTS_SLACK_WEBHOOK", SLACK_URL);

    NotifyFileLoad load = new NotifyFileLoader(env::get).parse(text, "config/notify.example.yaml");

    assertThat(load.problems()).isEmpty();
    NotifySettings s = load.settings().orElseThrow();
    assertThat(s.delivery()).isEqualTo(NotifySettings.Delivery.DEFAULTS);
    assertThat(s.sinks()).extracting(NotifySettings.Sink::name)
        .containsExactly("releases", "audit", "oncall", "payments-slack");
  }
}
