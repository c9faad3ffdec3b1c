package dev.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.engine.EventJson;
import dev.cutover.port.JournalDamagedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shared journal gives the file journal's guarantees where they apply (DynamoDB Local, real SDK client):
 * every item in its plan's envelope, foreign or unreadable items refused naming the item and never written
 * after, old items without the envelope still read, and a running controller notices its items deleted.
 */
class DynamoJournalDamageIT extends DynamoLocalStores {
  CutoverEvent.Started started(String id, String planName) {
    return new CutoverEvent.Started(T0, id, planName, "alice", List.of(5, 100));
  }

  /** An item put behind cutover's back (the console, a script), with {@code json} as its event. */
  void putRaw(long seq, String json) throws Exception {
    client.putItem(b -> b.tableName(TABLE).item(Map.of("PK", AttributeValue.fromS(DynamoTable.pk(plan)),
        "SK", AttributeValue.fromS(DynamoJournal.sortKey(seq)), "event", AttributeValue.fromS(json),
        "type", AttributeValue.fromS("x"), "writer", AttributeValue.fromS("someone")))).get(5, TimeUnit.SECONDS);
  }

  String eventOf(long seq) throws Exception {
    return client.getItem(b -> b.tableName(TABLE).key(DynamoTable.key(plan, DynamoJournal.sortKey(seq))))
        .get(5, TimeUnit.SECONDS).item().get("event").s();
  }

  @Test
  void everyItemNamesItsPlanAndTheCutoverOfTheLastStartedItem() throws Exception {
    DynamoPlanStore store = store();
    await(store.journal().append(started("c-1", plan)));
    await(store.journal().append(new CutoverEvent.ShiftIntent(T0, 0, Split.ALL_HEROKU, Split.of(5))));

    assertThat(eventOf(2)).startsWith("{\"type\":\"shift-intent\",\"plan\":\"" + plan + "\",\"cutover\":\"c-1\"");
  }

  @Test
  void readingRefusesAStartedItemOfAnotherPlanNamingTheItem() throws Exception {
    putRaw(1, EventJson.toJson(started("w-1", "web-prod")));

    assertThat(failure(store().journal().readAll())).isInstanceOfSatisfying(JournalDamagedException.class, d -> {
      assertThat(d.getMessage()).contains("DynamoDB table " + TABLE + ", partition plan#" + plan)
          .contains("item event#00000000000000000001").contains("of plan \"web-prod\"")
          .contains("aws dynamodb delete-item --table-name " + TABLE);
    });
  }

  @Test
  void anInjectedFinishedOfAnUnknownCutoverDoesNotHideTheUnfinishedOne() throws Exception {
    DynamoPlanStore store = store();
    await(store.journal().append(started("c-1", plan)));
    String forged = new JournalLines(plan, "x", w -> List.of())
        .line(new CutoverEvent.Finished(T0, Phase.COMPLETED, 0, "x"))
        .replace("\"cutover\":null", "\"cutover\":\"c-other\"");
    putRaw(2, forged);

    assertThat(failure(store().journal().readAll())).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("belongs to cutover c-other, which no started line introduced"));
  }

  @Test
  void appendRefusesToWriteAfterAnUnreadableItem() throws Exception {
    await(store().journal().append(started("c-1", plan)));
    putRaw(2, "GARBAGE");

    Throwable refused = failure(store().journal().append(
        new CutoverEvent.RevertIntent(T0, RevertCause.OPERATOR, "bob", "rollback")));

    assertThat(refused).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.location()).isEqualTo("item event#00000000000000000002"));
    assertThat(client.getItem(b -> b.tableName(TABLE).key(DynamoTable.key(plan, DynamoJournal.sortKey(3))))
        .get(5, TimeUnit.SECONDS).hasItem()).as("nothing written after it").isFalse();
  }

  @Test
  void itemsOfThePreviousVersionAreReadAndContinuedInTheEnvelope() throws Exception {
    putRaw(1, EventJson.toJson(started("c-1", plan)));
    DynamoPlanStore store = store();

    assertThat(await(store.journal().readAll())).containsExactly(started("c-1", plan));
    await(store.journal().append(new CutoverEvent.ShiftFailed(T0, "x")));

    assertThat(eventOf(2)).contains("\"cutover\":\"c-1\"");
    putRaw(3, EventJson.toJson(new CutoverEvent.Finished(T0, Phase.COMPLETED, 0, "forged")));
    assertThat(failure(store().journal().readAll())).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("has no \"plan\" and \"cutover\" fields"));
  }

  @Test
  void verifyFailsOnceTheItemThisControllerWroteIsDeleted() throws Exception {
    DynamoPlanStore store = store();
    await(store.journal().verify());
    await(store.journal().append(started("c-1", plan)));
    await(store.journal().verify());

    client.deleteItem(b -> b.tableName(TABLE).key(DynamoTable.key(plan, DynamoJournal.sortKey(1))))
        .get(5, TimeUnit.SECONDS);

    assertThat(failure(store.journal().verify())).isInstanceOf(JournalConflictException.class)
        .hasMessageContaining("event 1, which this controller wrote last, was deleted");
    assertThat(failure(store.journal().append(new CutoverEvent.ShiftFailed(T0, "late"))))
        .as("fenced").isInstanceOf(JournalConflictException.class);
  }
}
