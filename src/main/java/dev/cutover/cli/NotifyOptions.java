package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.plan.NotifyFileLoader;
import dev.cutover.port.Notifications;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --notify FILE} and {@code --public-url URL} of {@code run} and {@code serve}: Slack, signed webhooks and
 * PagerDuty as the file says (docs/notifications.md). A bad file ends the command with exit 2 and every problem,
 * before anything starts; delivery never holds up a cutover.
 */
public final class NotifyOptions {
  @Option(names = "--notify", paramLabel = "FILE", description = "send notifications (Slack, signed webhooks,"
      + " PagerDuty) as this YAML or JSON file says (docs/notifications.md); secrets come from the environment or"
      + " secret files it names")
  Path file;

  @Option(names = "--public-url", paramLabel = "URL", converter = PublicUrl.class, description = "the address"
      + " people open the dashboard at, for links in notifications (default: publicUrl of the --notify file)")
  URI publicUrl;

  /**
   * The notifications of {@code env}; exit 2 when the file is wrong, or when {@code plan} (null for a server of
   * many plans) names a sink the file does not define. Without --notify, a plan that names sinks is warned about.
   */
  public Notifications open(Environment env, Plan plan, PrintStream warnings) {
    Notifications n = env.notifications(file, publicUrl);
    if (plan != null) {
      List<String> problems = n.problems(plan);
      if (!problems.isEmpty()) {
        close(n);
        throw new CliExit(ExitCode.INVALID_INPUT, String.join("\n", Terminal.lines(problems)));
      }
      if (file == null && !plan.notifications().routes().isEmpty() && warnings != null) {
        warnings.println("warning: plan " + plan.name() + " names notification sinks (notify:), but without"
            + " --notify FILE nothing is sent");
      }
    }
    return n;
  }

  /** Delivers what is queued (bounded by the file's delivery.drain), then stops; never throws. */
  public static void close(Notifications n) {
    try {
      n.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // never fails by contract; a stuck close only shortens the drain
    }
  }

  /** An absolute http(s) URL. */
  public static final class PublicUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      return NotifyFileLoader.publicUrl(value).orElseThrow(() -> new TypeConversionException("'" + value
          + "' is not an http(s) URL: write the address people open the dashboard at, like"
          + " https://cutover.example.com"));
    }
  }
}
