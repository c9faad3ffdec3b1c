package dev.cutover.journal;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.Journal;
import dev.cutover.port.JournalDamagedException;
import dev.cutover.port.StoreConflictException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal as a local JSON-lines file ({@link JournalLines}: one event per line in its plan's envelope),
 * fsync'd before {@link #append} completes.
 *
 * <p>Every append holds the file's lock (an OS lock, so the controller and a {@code rollback} in another process
 * take turns), reads what others appended since this instance last looked, and writes only after every line
 * before it reads back. A torn last line (no newline, the start of a cutover line: a writer died mid-write) is
 * cut off first; any other bad line is refused ({@link JournalDamagedException}), never written after.
 *
 * <p>{@link #verify} tells a running controller when the file it writes was deleted, replaced or overwritten,
 * or when someone appended a line it cannot read, so that it halts instead of journalling into the void.
 */
public final class FileJournal implements Journal, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileJournal.class);
  /** One writer per file in this process at a time: an OS file lock is held per process, not per channel. */
  private static final ConcurrentHashMap<Path, Object> WRITERS = new ConcurrentHashMap<>();

  private final Vertx vertx;
  private final Path file;
  private final String plan;
  // this instance's view of the file: what it read and wrote, up to which byte, in which file
  private JournalLines view;
  private long validated;
  private int lines;
  private Object fileKey;
  private FileChannel channel;
  private long lastWriteAt;
  private byte[] lastWrite;
  private boolean seen; // the view holds what this instance read or wrote before: news in the file are others'
  private RuntimeException poisoned;

  public FileJournal(Vertx vertx, Path file, String plan) {
    this.vertx = vertx;
    this.file = file;
    this.plan = plan;
  }

  public Path file() {
    return file;
  }

  /** Reads a journal file synchronously (CLI commands that run without an event loop use this). */
  public static List<CutoverEvent> read(Path file, String plan) throws IOException {
    JournalLines lines = lines(file, plan);
    byte[] bytes = contents(file, lines);
    if (bytes != null) {
      warnIfTorn(file, JournalText.scan(bytes, 0, 1, lines));
    }
    return lines.events();
  }

  /** Reads the journal of a plan's state dir, {@code <root>/<plan>/journal.jsonl} (tests, benchmarks). */
  public static List<CutoverEvent> read(Path file) throws IOException {
    return read(file, file.toAbsolutePath().getParent().getFileName().toString());
  }

  @Override
  public Future<List<CutoverEvent>> readAll() {
    return vertx.executeBlocking(this::readView, true);
  }

  private synchronized List<CutoverEvent> readView() throws IOException {
    JournalLines fresh = lines(file, plan);
    byte[] bytes = contents(file, fresh);
    JournalText.Scan scan = bytes == null ? new JournalText.Scan(0, 0, 0) : JournalText.scan(bytes, 0, 1, fresh);
    warnIfTorn(file, scan);
    if (channel == null && poisoned == null) { // what a later append must find again, and continue from
      view = fresh;
      validated = scan.end();
      lines = scan.lines();
      fileKey = bytes == null ? null : Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      seen = true;
    }
    return fresh.events();
  }

  @Override
  public Future<Void> append(CutoverEvent event) {
    return vertx.executeBlocking(() -> {
      synchronized (WRITERS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object())) {
        appendSync(event);
      }
      return null;
    }, true);
  }

  private synchronized void appendSync(CutoverEvent event) throws IOException {
    appendAllSync(List.of(event));
  }

  /**
   * Appends {@code events} in order under the file's lock, with one fsync for all of them, without Vert.x: for a
   * one-shot command ({@code rollback}) that must not pay for an event loop. Completes once they are durable.
   */
  public void appendBlocking(List<CutoverEvent> events) throws IOException {
    synchronized (WRITERS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object())) {
      appendAllSync(events);
    }
  }

  /** What the journal holds now, read without Vert.x (the same checks as {@link #readAll}). */
  public List<CutoverEvent> readBlocking() throws IOException {
    return readView();
  }

  private synchronized void appendAllSync(List<CutoverEvent> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    open();
    try (FileLock held = channel.lock()) {
      int torn = guarded(this::catchUp);
      if (torn > 0) {
        log.warn("{}: cutting off a torn last line of {} bytes (a writer died while writing it)", file, torn);
        channel.truncate(validated);
      }
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      int added = 0;
      byte[] last = null;
      for (CutoverEvent event : events) {
        String text = view.line(event);
        view.accept("line " + (lines + added + 1), text); // never write a line that reading would refuse
        last = (text + "\n").getBytes(StandardCharsets.UTF_8);
        all.write(last);
        added++;
      }
      byte[] bytes = all.toByteArray();
      write(bytes);
      lastWriteAt = validated + bytes.length - last.length;
      lastWrite = last;
      validated += bytes.length;
      lines += added;
      if (channel.size() != validated) {
        throw poison(conflict("someone wrote to it without its lock while this process appended line " + lines));
      }
    }
  }

  private void write(byte[] bytes) throws IOException {
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      poison(new IllegalStateException("the journal " + file + " could not be written: " + e, e));
      throw e;
    }
  }

  /** Opens the file for appending: the file this instance read before, if it read it. */
  private void open() throws IOException {
    if (poisoned != null) {
      throw poisoned;
    }
    if (channel != null) {
      checkSameFile();
      return;
    }
    if (fileKey != null) {
      checkSameFile(); // read before: still that file?
    } else if (view == null) {
      view = lines(file, plan); // never read: the first catch-up reads it all before the first line is written
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      checkKind(file, view); // a directory or a FIFO is refused before it is opened
    }
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  @Override
  public Future<Void> verify() {
    return vertx.executeBlocking(() -> {
      verifySync();
      return null;
    }, false);
  }

  private synchronized void verifySync() throws IOException {
    if (poisoned != null) {
      throw poisoned instanceof StoreConflictException c ? c : conflict(poisoned.getMessage());
    }
    if (channel == null) {
      return; // this instance has written nothing (yet)
    }
    checkSameFile();
    guarded(this::catchUp); // a torn end may be another cutover process writing right now: not an error here
  }

  /**
   * Reads the lines appended after {@link #validated} by others into the view. A {@code started} line among
   * them is a conflict: only this controller may start a cutover in a journal it writes. Returns the length
   * of a torn last line, if any.
   */
  private int catchUp() throws IOException {
    long size = Files.size(file);
    if (size <= validated) {
      return 0;
    }
    String before = view.current();
    JournalText.Scan scan = JournalText.scan(range(validated, (int) (size - validated)), validated, lines + 1, view);
    if (seen && !Objects.equals(before, view.current())) {
      throw conflict("another process started cutover " + view.current() + " in it while this one used it");
    }
    validated = scan.end();
    lines += scan.lines();
    seen = true;
    return scan.tornBytes();
  }

  /** Damage found in the file poisons this instance: it will neither read on nor write after it. */
  private int guarded(IoCall call) throws IOException {
    try {
      return call.run();
    } catch (JournalDamagedException e) {
      throw poison(seen ? conflict(e.getMessage()) : e);
    } catch (StoreConflictException e) {
      throw poison(e);
    }
  }

  private interface IoCall {
    int run() throws IOException;
  }

  /** The path must still lead to the file this instance read or wrote, with every byte it saw still there. */
  private void checkSameFile() throws IOException {
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw poison(conflict("it was deleted"));
    }
    if (!Objects.equals(now.fileKey(), fileKey)) {
      throw poison(conflict("it was replaced by another file (" + fileKey + " became " + now.fileKey() + ")"));
    }
    if (now.size() < validated) {
      throw poison(conflict("it shrank from " + validated + " to " + now.size() + " bytes"));
    }
    if (lastWrite != null && !Arrays.equals(range(lastWriteAt, lastWrite.length), lastWrite)) {
      throw poison(conflict("it was overwritten: line " + lines + ", which this process wrote, is no longer there"));
    }
  }

  private byte[] range(long from, int length) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining() && in.read(buf, from + buf.position()) >= 0) {
        // keep reading
      }
      return Arrays.copyOf(buf.array(), buf.position());
    }
  }

  private StoreConflictException conflict(String what) {
    return new StoreConflictException("the journal " + file + " changed under this process: " + what
        + ". Its events are not where this process wrote them, so it stops acting; check the weights with"
        + " `cutover status`, then see runbooks/crash-and-resume.md, \"A damaged journal\"");
  }

  private RuntimeException poison(RuntimeException e) {
    if (poisoned == null) {
      poisoned = e;
    }
    return e;
  }

  /** The file's bytes, null if it does not exist; a directory or another non-file is damage. */
  private static byte[] contents(Path file, JournalLines lines) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    checkKind(file, lines);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IOException("cannot read the journal " + file + ": " + e, e);
    }
  }

  private static void checkKind(Path file, JournalLines lines) {
    if (Files.isDirectory(file)) {
      throw lines.damaged(null, "is a directory, not a journal file");
    }
    if (!Files.isRegularFile(file)) {
      throw lines.damaged(null, "is not a regular file (a FIFO, a socket or a device?)");
    }
  }

  private static void warnIfTorn(Path file, JournalText.Scan scan) {
    if (scan.tornBytes() > 0) {
      log.warn("{}: ignoring a torn last line of {} bytes (a writer died while writing it, or is writing it now);"
          + " the next append cuts it off", file, scan.tornBytes());
    }
  }

  private static JournalLines lines(Path file, String plan) {
    String f = file.toString();
    return new JournalLines(plan, f, location -> location == null ? List.of(
        "see where traffic is: `cutover status PLAN` shows the weights and gates",
        "move it aside: mv " + f + " " + f + ".damaged",
        "the next `cutover run` starts a new journal; a new cutover starts only from 100% Heroku")
        : List.of(
        "see where traffic is: `cutover status PLAN` shows the weights and gates",
        "keep a copy: cp " + f + " " + f + ".bak",
        "look at it: sed -n '" + number(location) + "p' " + f,
        "if cutover did not write it (garbage, a line from another journal, an edit), delete it: sed -i '"
            + number(location) + "d' " + f,
        "if it is one of cutover's own lines damaged on disk, move the whole file aside instead"));
  }

  private static String number(String location) {
    return location.substring(location.lastIndexOf(' ') + 1);
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
