package dev.cutover.journal;

import static dev.cutover.testkit.Futures.await;
import static dev.cutover.testkit.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.engine.EventJson;
import dev.cutover.port.JournalDamagedException;
import dev.cutover.port.StoreConflictException;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local journal file on disk: what it heals, what it refuses, and what a running controller notices. */
class FileJournalIT {
  static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
  static final CutoverEvent STARTED = new CutoverEvent.Started(T, "c-1", "api-prod", "alice", List.of(5, 100));
  static final CutoverEvent INTENT = new CutoverEvent.ShiftIntent(T, 0, Split.ALL_HEROKU, Split.of(5));
  static final CutoverEvent REVERT = new CutoverEvent.RevertIntent(T, RevertCause.OPERATOR, "bob", "rollback");

  @TempDir Path dir;
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  Path file() {
    return dir.resolve("api-prod").resolve("journal.jsonl");
  }

  FileJournal journal() {
    return new FileJournal(vertx, file(), "api-prod");
  }

  /** A controller that has started c-1 and journalled its first intent. */
  FileJournal running() throws Exception {
    FileJournal j = journal();
    await(j.readAll());
    await(j.append(STARTED));
    await(j.append(INTENT));
    return j;
  }

  void appendRaw(String text) throws Exception {
    Files.writeString(file(), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Test
  void aRollbackAppendsItsEventsWithoutAnEventLoopAndARunningControllerReadsThem() throws Exception {
    FileJournal controller = running();
    CutoverEvent finished = new CutoverEvent.Finished(T, Phase.ABORTED, 5, "rolled back by bob");
    LocalBlockingStore rollback = new LocalBlockingStore(new StateDir(dir), "api-prod");

    assertThat(rollback.read()).containsExactly(STARTED, INTENT);
    rollback.append(List.of(REVERT, finished));

    assertThat(FileJournal.read(file())).containsExactly(STARTED, INTENT, REVERT, finished);
    assertThat(await(controller.readAll())).containsExactly(STARTED, INTENT, REVERT, finished);
  }

  @Test
  void aRollbackRefusesToAppendAfterALineItCannotRead() throws Exception {
    running().close();
    appendRaw("GARBAGE\n");
    byte[] before = Files.readAllBytes(file());

    LocalBlockingStore rollback = new LocalBlockingStore(new StateDir(dir), "api-prod");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rollback.append(List.of(REVERT)))
        .isInstanceOf(JournalDamagedException.class).hasMessageContaining("line 3");
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
  }

  @Test
  void runRefusesToAppendAfterAGarbageLineFollowedByANewline() throws Exception {
    running().close();
    appendRaw("GARBAGE\n");
    byte[] before = Files.readAllBytes(file());

    Throwable refused = failure(journal().append(REVERT));

    assertThat(refused).isInstanceOfSatisfying(JournalDamagedException.class, d -> {
      assertThat(d.source()).isEqualTo(file().toString());
      assertThat(d.location()).isEqualTo("line 3");
      assertThat(d.getMessage()).contains("sed -i '3d' " + file());
    });
    assertThat(Files.readAllBytes(file())).as("nothing appended after the bad line").isEqualTo(before);
    assertThat(failure(journal().readAll())).isInstanceOf(JournalDamagedException.class);
  }

  @Test
  void aTornLastLineIsIgnoredByReadersAndCutOffByTheNextAppend() throws Exception {
    running().close();
    String intact = Files.readString(file());
    appendRaw("{\"type\":\"change-submitted\",\"plan\":\"api-prod\",\"cut");

    assertThat(await(journal().readAll())).containsExactly(STARTED, INTENT);
    assertThat(Files.readString(file())).as("a reader changes nothing").startsWith(intact).isNotEqualTo(intact);

    await(journal().append(REVERT));

    assertThat(await(journal().readAll())).containsExactly(STARTED, INTENT, REVERT);
    assertThat(Files.readString(file())).startsWith(intact).doesNotContain("\"cut\n");
  }

  @Test
  void verifyFailsOnceTheJournalFileIsDeleted() throws Exception {
    FileJournal controller = running();
    await(controller.verify());

    Files.delete(file());

    assertThat(failure(controller.verify())).isInstanceOf(StoreConflictException.class)
        .hasMessageContaining(file().toString()).hasMessageContaining("it was deleted");
    assertThat(failure(controller.append(REVERT))).as("and never journals into the void")
        .isInstanceOf(StoreConflictException.class);
    assertThat(file()).doesNotExist();
  }

  @Test
  void verifyFailsOnceTheJournalFileIsReplacedEvenByAnIdenticalCopy() throws Exception {
    FileJournal controller = running();
    Path copy = dir.resolve("copy.jsonl");
    Files.copy(file(), copy);

    Files.move(copy, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThat(failure(controller.verify())).isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("replaced by another file");
  }

  @Test
  void verifyFailsOnceTheJournalIsOverwrittenInPlace() throws Exception {
    FileJournal controller = running();
    String text = Files.readString(file());

    Files.writeString(file(), text.replace("\"step\":0", "\"step\":9")); // same file, same size, other bytes

    assertThat(failure(controller.verify())).isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("line 2, which this process wrote, is no longer there");
  }

  @Test
  void verifyFailsOnceTheJournalIsTruncated() throws Exception {
    FileJournal controller = running();

    Files.writeString(file(), "");

    assertThat(failure(controller.verify())).isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("shrank");
  }

  @Test
  void verifyFailsWhenSomeoneAppendsAnUnreadableLineWhileTheControllerRuns() throws Exception {
    FileJournal controller = running();

    appendRaw("GARBAGE\n");

    assertThat(failure(controller.verify())).isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("line 3: is not JSON");
  }

  @Test
  void verifyFailsWhenAnotherWriterStartsACutoverInTheJournal() throws Exception {
    FileJournal controller = running();
    await(controller.append(new CutoverEvent.Finished(T, Phase.COMPLETED, 0, "done")));

    await(journal().append(new CutoverEvent.Started(T, "c-2", "api-prod", "mallory", List.of(100))));

    assertThat(failure(controller.verify())).isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("another process started cutover c-2");
  }

  @Test
  void aRollbackInAnotherWriterInterleavesWholeLinesWithTheController() throws Exception {
    FileJournal controller = running();

    await(journal().append(REVERT)); // cutover rollback: its own journal instance, no read first
    await(controller.verify());
    await(controller.append(new CutoverEvent.ShiftFailed(T, "late")));

    assertThat(await(journal().readAll()))
        .containsExactly(STARTED, INTENT, REVERT, new CutoverEvent.ShiftFailed(T, "late"));
    assertThat(Files.readAllLines(file())).allSatisfy(l -> assertThat(l).contains("\"cutover\":\"c-1\""));
  }

  @Test
  void aJournalOfThePreviousVersionIsReadAndContinuedInTheEnvelope() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), EventJson.toJson(STARTED) + "\n" + EventJson.toJson(INTENT) + "\n");

    FileJournal controller = journal();
    assertThat(await(controller.readAll())).containsExactly(STARTED, INTENT);
    await(controller.append(REVERT));
    controller.close();

    assertThat(Files.readAllLines(file()).get(2)).contains("\"plan\":\"api-prod\",\"cutover\":\"c-1\"");
    appendRaw(EventJson.toJson(new CutoverEvent.Finished(T, Phase.COMPLETED, 0, "forged")) + "\n");
    assertThat(failure(journal().readAll())).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.location()).isEqualTo("line 4"));
  }

  @Test
  void aDirectoryAtTheJournalPathIsDamageNamingTheFile() throws Exception {
    Files.createDirectories(file());

    assertThat(failure(journal().readAll())).isInstanceOfSatisfying(JournalDamagedException.class, d -> {
      assertThat(d.getMessage()).contains(file().toString()).contains("is a directory, not a journal file");
      assertThat(d.location()).isNull();
    });
    assertThat(failure(journal().append(REVERT))).isInstanceOf(JournalDamagedException.class);
  }

  @Test
  void aBinaryJournalIsDamageNamingTheFileAndLineNotACharsetError() throws Exception {
    Files.createDirectories(file().getParent());
    Files.write(file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n', 2, 3});

    assertThat(failure(journal().readAll())).isInstanceOfSatisfying(JournalDamagedException.class, d -> {
      assertThat(d.getMessage()).contains(file() + " line 1: is not UTF-8 text").doesNotContain("Input length");
    });
    assertThat(failure(journal().append(REVERT))).isInstanceOf(JournalDamagedException.class);
  }
}
