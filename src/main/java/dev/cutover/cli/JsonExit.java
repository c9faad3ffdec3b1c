package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.ExitCode;
import dev.cutover.engine.EventJson;
import dev.cutover.plan.PlanProblems;
import java.time.Instant;
import picocli.CommandLine;

/**
 * With {@code --json}, every line on stdout is a JSON object, also when a command ends without an event that
 * says how: an ended cutover reported again, a held lease, a failed preflight, bad input, an error. That last
 * line is {@code {"type":"exit","at":...,"exitCode":3,"exit":"PREFLIGHT_FAILED","message":...}}, with the
 * plan's {@code source} and {@code problems} when the plan is invalid.
 */
final class JsonExit {
  static final String OPTION = "--json";

  private JsonExit() {}

  /** Whether {@code command} was given {@code --json}. */
  static boolean requested(CommandLine command) {
    CommandLine.ParseResult parsed = command.getParseResult();
    return parsed != null && parsed.hasMatchedOption(OPTION);
  }

  /** Whether {@code command} takes {@code --json} and the raw arguments hold it (for unparseable ones). */
  static boolean requested(CommandLine command, String[] args) {
    return command.getCommandSpec().findOption(OPTION) != null && java.util.Arrays.asList(args).contains(OPTION);
  }

  static String line(ExitCode code, String message) {
    return node(code.code(), code.name(), message).toString();
  }

  /** For an exit by signal: 130 or 143, "INTERRUPTED". */
  static String line(int signalExit, String message) {
    return node(signalExit, "INTERRUPTED", message).toString();
  }

  static String line(CliExit exit) {
    ObjectNode node = node(exit.code().code(), exit.code().name(), exit.getMessage());
    if (!exit.problems().isEmpty()) {
      node.put("source", exit.source());
      node.set("problems", PlanProblems.toJson(exit.problems()));
    }
    return node.toString();
  }

  private static ObjectNode node(int exitCode, String exit, String message) {
    ObjectNode node = EventJson.mapper().createObjectNode();
    node.put("type", "exit");
    node.put("at", Instant.now().toString());
    node.put("exitCode", exitCode);
    node.put("exit", exit);
    node.put("message", message);
    return node;
  }
}
