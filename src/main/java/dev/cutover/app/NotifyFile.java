package dev.cutover.app;

import dev.cutover.cli.CliExit;
import dev.cutover.cli.Terminal;
import dev.cutover.domain.NotifySettings;
import dev.cutover.notify.NotifyWiring;
import dev.cutover.plan.NotifyFileLoad;
import dev.cutover.plan.NotifyFileLoader;
import dev.cutover.plan.PlanProblems;
import dev.cutover.port.Notifications;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;

/** {@code --notify FILE}: the file loaded (exit 2 with every problem), its sinks started on wall-time timers. */
final class NotifyFile {
  private NotifyFile() {}

  static Notifications open(Vertx vertx, Path file, URI publicUrl, PrintStream err, Function<String, String> env) {
    NotifyFileLoad load = new NotifyFileLoader(env).load(file);
    if (load.hasErrors()) {
      throw CliExit.invalidPlan(load.problems(), file.toString());
    }
    Terminal.lines(PlanProblems.render(load.warnings(), file.toString())).forEach(err::println);
    NotifySettings settings = load.settings().orElseThrow();
    // wall time even when the cutover's time is compressed: a receiver's Retry-After and a signature's
    // timestamp are wall-clock things
    return NotifyWiring.start(vertx, VertxScheduler.wallTime(vertx),
        publicUrl == null ? settings : settings.withPublicUrl(publicUrl));
  }
}
