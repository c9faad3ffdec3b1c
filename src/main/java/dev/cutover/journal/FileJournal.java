package dev.cutover.journal;

import dev.cutover.engine.EventJson;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal as a local JSON-lines file, one event per line, fsync'd before {@link #append} completes. A torn
 * last line (the process died mid-write) is skipped with a warning; a bad line anywhere else is an error.
 */
public final class FileJournal implements Journal, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileJournal.class);
  private final Vertx vertx;
  private final Path file;
  private FileChannel channel;

  public FileJournal(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
  }

  public Path file() {
    return file;
  }

  @Override
  public Future<Void> append(CutoverEvent event) {
    byte[] line = (EventJson.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    return vertx.executeBlocking(() -> {
      appendSync(line);
      return null;
    }, true);
  }

  private synchronized void appendSync(byte[] line) throws IOException {
    if (channel == null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      healTornTail();
    }
    ByteBuffer buf = ByteBuffer.wrap(line);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
  }

  /**
   * If the file does not end in a newline, the process died mid-write: cut the torn line off. Its event never
   * completed, and every side effect is journalled as intent first, so the restarted controller re-reads the
   * world instead of trusting a half-written line.
   */
  private void healTornTail() throws IOException {
    long size = channel.size();
    if (size == 0) {
      return;
    }
    byte[] all = Files.readAllBytes(file);
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') {
      end--;
    }
    if (end < all.length) {
      log.warn("{}: cutting off a torn last line of {} bytes", file, all.length - end);
      channel.truncate(end);
    }
  }

  @Override
  public Future<List<CutoverEvent>> readAll() {
    return vertx.executeBlocking(() -> read(file), true);
  }

  /** Reads a journal file synchronously (CLI commands that run without an event loop use this). */
  public static List<CutoverEvent> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<CutoverEvent> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        events.add(EventJson.fromJson(line));
      } catch (IllegalArgumentException e) {
        if (isTornTail(lines, i)) {
          log.warn("{}: ignoring a torn last line (the controller died while writing it)", file);
          continue;
        }
        throw new IOException(file + " line " + (i + 1) + " is damaged (" + e.getMessage()
            + "); move the file aside to start afresh, after checking the weights with `cutover status`", e);
      }
    }
    return events;
  }

  /** A bad line counts as torn if nothing but blank lines or other bad lines of a torn write follow it. */
  private static boolean isTornTail(List<String> lines, int index) {
    for (int j = index + 1; j < lines.size(); j++) {
      if (!lines.get(j).isBlank()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
