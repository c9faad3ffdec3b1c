package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.engine.EventJson;
import dev.cutover.port.JournalDamagedException;

/** How {@code status} and {@code history} report a damaged journal: after what they could show, never instead. */
final class JournalDamage {
  private JournalDamage() {}

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
