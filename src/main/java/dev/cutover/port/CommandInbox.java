package dev.cutover.port;

import dev.cutover.domain.OperatorCommand;
import io.vertx.core.Future;
import java.util.List;

/** Operator commands (pause, resume, promote, abort) sent to a running cutover from another process. */
public interface CommandInbox {

  /** Commands that arrived since the last call, oldest first; each is returned once. */
  Future<List<OperatorCommand>> take();

  CommandInbox NONE = () -> Future.succeededFuture(List.of());
}
