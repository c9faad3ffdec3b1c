package dev.cutover.journal;

import dev.cutover.engine.EventJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The local single-writer lock of a plan: an OS file lock, so it dies with the process that held it (no stale
 * locks after a crash). The file records who holds it, for the refusal message.
 */
public final class PlanLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private PlanLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Who holds a lock, as written by the holder. */
  public record Holder(long pid, String host, String cutoverId, Instant since) {
    public String describe() {
      return "pid " + pid + " on " + host + (cutoverId == null ? "" : " (cutover " + cutoverId + ")")
          + " since " + since;
    }
  }

  /** Takes the lock, or returns empty when another live process holds it. */
  public static Optional<PlanLock> tryAcquire(Path file, String cutoverId) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      return Optional.empty();
    }
    ObjectNode who = EventJson.mapper().createObjectNode();
    who.put("pid", ProcessHandle.current().pid());
    who.put("host", hostName());
    who.put("cutoverId", cutoverId);
    who.put("since", Instant.now().toString());
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(EventJson.mapper().writeValueAsBytes(who)), 0);
    ch.force(false);
    return Optional.of(new PlanLock(ch, lock));
  }

  /** Whether some live process holds the lock (by trying to take it and letting go at once). */
  public static boolean isHeld(Path file) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return true;
      }
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    }
  }

  /** What the holder wrote, if readable. */
  public static Optional<Holder> holder(Path file) {
    try {
      JsonNode n = EventJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.of(new Holder(n.path("pid").asLong(), n.path("host").asText("?"),
          n.path("cutoverId").isNull() ? null : n.path("cutoverId").asText(null),
          Instant.parse(n.path("since").asText())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String jvm = ManagementFactory.getRuntimeMXBean().getName();
      return jvm.contains("@") ? jvm.substring(jvm.indexOf('@') + 1) : "unknown-host";
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
