package dev.cutover.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.port.PlanCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan catalog in the state dir: {@code <root>/<plan>/plan.json} beside the plan's journal, written atomically
 * (a temporary file moved into place), so a crash never leaves half a plan.
 */
public final class LocalPlanCatalog implements PlanCatalog {
  private static final Logger log = LoggerFactory.getLogger(LocalPlanCatalog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Vertx vertx;
  private final StateDir dir;

  public LocalPlanCatalog(Vertx vertx, StateDir dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  private Path file(String plan) {
    return dir.plan(plan).resolve("plan.json");
  }

  @Override
  public Future<Void> put(Stored plan) {
    return vertx.executeBlocking(() -> {
      Path target = file(plan.name());
      Files.createDirectories(target.getParent());
      ObjectNode node = JSON.createObjectNode().put("name", plan.name()).put("yaml", plan.yaml())
          .put("by", plan.by()).put("at", plan.at().toString());
      Path tmp = target.resolveSibling("plan.json.tmp");
      Files.writeString(tmp, JSON.writeValueAsString(node), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return null;
    }, false);
  }

  @Override
  public Future<List<Stored>> list() {
    return vertx.executeBlocking(() -> {
      List<Stored> out = new ArrayList<>();
      if (!Files.isDirectory(dir.root())) {
        return out;
      }
      try (DirectoryStream<Path> plans = Files.newDirectoryStream(dir.root(), Files::isDirectory)) {
        for (Path p : plans) {
          Path f = p.resolve("plan.json");
          if (Files.isRegularFile(f)) {
            try {
              var node = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
              out.add(new Stored(node.path("name").asText(), node.path("yaml").asText(), node.path("by").asText(),
                  Instant.parse(node.path("at").asText())));
            } catch (IOException | RuntimeException e) {
              log.warn("{} cannot be read ({}); that plan is not resumed: submit it again", f, e.getMessage());
            }
          }
        }
      }
      return out;
    }, false);
  }

  @Override
  public Future<Void> remove(String name) {
    return vertx.executeBlocking(() -> {
      Files.deleteIfExists(file(name));
      return null;
    }, false);
  }
}
