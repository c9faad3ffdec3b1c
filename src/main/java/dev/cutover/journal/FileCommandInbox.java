package dev.cutover.journal;

import dev.cutover.engine.EventJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.port.CommandInbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Operator commands as files in the plan's state dir: {@code cutover pause} drops a file, the running
 * controller picks it up within a quarter second and deletes it. Files are written to a temp name and moved,
 * so a half-written command is never read.
 */
public final class FileCommandInbox implements CommandInbox {
  private final Vertx vertx;
  private final Path dir;

  public FileCommandInbox(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  /** Sends a command from another process. */
  public static void send(Path dir, OperatorCommand command) throws IOException {
    Files.createDirectories(dir);
    ObjectNode n = EventJson.mapper().createObjectNode();
    n.put("kind", command.kind().name());
    n.put("by", command.by());
    n.put("at", command.at().toString());
    String name = String.format("%019d-%s", System.nanoTime(), command.kind().name().toLowerCase());
    Path tmp = dir.resolve("." + name + ".tmp");
    Files.write(tmp, EventJson.mapper().writeValueAsBytes(n));
    Files.move(tmp, dir.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Drops commands left over from an earlier run, so a stale abort never hits a new cutover. */
  public int purge() throws IOException {
    return drain().size();
  }

  @Override
  public Future<List<OperatorCommand>> take() {
    return vertx.executeBlocking(this::drain, false);
  }

  private synchronized List<OperatorCommand> drain() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<OperatorCommand> out = new ArrayList<>();
    for (Path f : files) {
      try {
        JsonNode n = EventJson.mapper().readTree(Files.readAllBytes(f));
        out.add(new OperatorCommand(OperatorCommand.Kind.valueOf(n.path("kind").asText()),
            n.path("by").asText("unknown"), Instant.parse(n.path("at").asText())));
      } catch (IOException | RuntimeException e) {
        // an unreadable command is dropped, not retried forever
      } finally {
        Files.deleteIfExists(f);
      }
    }
    return out;
  }
}
