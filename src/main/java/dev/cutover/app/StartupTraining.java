package dev.cutover.app;

import dev.cutover.domain.Plan;
import dev.cutover.plan.PlanLoad;
import dev.cutover.plan.PlanLoader;
import dev.cutover.sandbox.SandboxServer;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.route53.Change;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the {@code ./cutover} launcher runs once per build under {@code -XX:ArchiveClassesAtExit} to train its
 * start-up archive (JDK 17 AppCDS): a {@code rollback --no-wait} of PLAN against an embedded sandbox whose records
 * are at 50/50 (so the batch is built, sent and journalled: the incident responder's path), then a {@code demo}
 * (the controller's path). Each ends as a user's command would; their exit codes do not matter here. Usage:
 * {@code java -XX:ArchiveClassesAtExit=A -cp cutover.jar dev.cutover.app.StartupTraining PLAN STATE_DIR}.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: StartupTraining PLAN STATE_DIR");
      System.exit(2);
    }
    Path planFile = Path.of(args[0]);
    Path state = Path.of(args[1]);
    // the sandbox checks no signature; the default credentials chain reads these system properties
    System.setProperty("aws.accessKeyId", "startup-training");
    System.setProperty("aws.secretAccessKey", "startup-training");
    PlanLoad load = new PlanLoader().load(planFile);
    if (load.plan().isPresent()) {
      rollback(load.plan().get(), planFile, state.resolve("rollback"));
    }
    Main.run("demo", "--speed", "300", "--state-dir", state.resolve("demo").toString());
    System.exit(0);
  }

  private static void rollback(Plan plan, Path planFile, Path state) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SandboxServer sandbox = SandboxServer.start(vertx, VertxScheduler.wallTime(vertx),
          SandboxServer.Options.defaults().withPort(0)).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      SandboxWorld.build(plan, sandbox);
      List<Change> fiftyFifty = new ArrayList<>();
      for (RecordSet r : sandbox.route53().records(plan.zone())) {
        if (r.isWeighted()) {
          fiftyFifty.add(new Change(ChangeAction.UPSERT, r.withWeight(50)));
        }
      }
      sandbox.route53().changeResourceRecordSets(plan.zone(), "startup training: 50/50", fiftyFifty);
      Main.run("rollback", planFile.toString(), "--no-wait", "--state-dir", state.toString(),
          "--route53-endpoint", sandbox.endpoint().toString(), "--by", "startup-training");
      sandbox.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
