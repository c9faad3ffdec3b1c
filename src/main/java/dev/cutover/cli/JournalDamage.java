package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.engine.EventJson;
import dev.cutover.port.JournalDamagedException;
import io.vertx.core.Future;
import java.util.List;

/** How {@code status} and {@code history} report a damaged journal: after what they could show, never instead. */
final class JournalDamage {
  private JournalDamage() {}

  /** Waits for {@code read}; the damage it failed with, or null (any other failure is left to the caller). */
  static JournalDamagedException of(Future<List<CutoverEvent>> read) {
    try {
      Await.result(read);
      return null;
    } catch (JournalDamagedException damage) {
      return damage;
    } catch (RuntimeException other) {
      return null;
    }
  }

  static ObjectNode toJson(JournalDamagedException d) {
    ObjectNode n = EventJson.mapper().createObjectNode();
    n.put("journal", d.source());
    n.put("location", d.location());
    n.put("problem", d.problem());
    d.repair().forEach(n.putArray("repair")::add);
    n.put("message", d.getMessage());
    return n;
  }
}
