package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.port.Role;
import dev.cutover.port.TokenStore;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cutover token create NAME --role R} and {@code cutover token list}: bearer tokens of the HTTP API. */
@Command(name = "token", description = "Bearer tokens for the HTTP API of `cutover serve` (kept in the --store).",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class})
public final class TokenCommand {
  @ParentCommand CutoverCli root;

  private static final String ROLES = Arrays.stream(Role.values()).map(Role::label)
      .collect(Collectors.joining("|"));

  @Command(name = "create", description = "Create a token and print it once; the store keeps only a salted hash."
      + " Every action taken with it is journalled as NAME. Roles: viewer (read), operator (also pause, resume,"
      + " promote, abort, rollback), admin (also submit and delete plans).")
  static final class Create implements Callable<Integer> {
    @ParentCommand TokenCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "who uses it, e.g. alice or ci-deploy")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, operator or admin")
    String role;

    @Override
    public Integer call() {
      Environment env = parent.root.env();
      Role r = Role.parse(role).orElseThrow(() -> new CliExit(ExitCode.INVALID_INPUT, "unknown role `" + role
          + "`: use one of " + ROLES));
      String token;
      try {
        token = Await.result(env.tokens().create(name, r, env.scheduler().clock().instant()));
      } catch (IllegalArgumentException | TokenStore.NameTakenException e) {
        throw new CliExit(ExitCode.INVALID_INPUT, e.getMessage());
      }
      env.out().println(token);
      env.err().println("token " + name + " (" + r.label() + ") created. It is shown only now: give it to its"
          + " user (e.g. as CUTOVER_TOKEN) and keep no other copy; the store keeps only its hash.");
      return 0;
    }
  }

  @Command(name = "list", description = "List the tokens' names, roles and creation times (never the tokens).")
  static final class ListTokens implements Callable<Integer> {
    @ParentCommand TokenCommand parent;

    @Override
    public Integer call() {
      Environment env = parent.root.env();
      List<TokenStore.TokenInfo> tokens = Await.result(env.tokens().list());
      if (tokens.isEmpty()) {
        env.out().println("no tokens yet; create one with `cutover token create NAME --role " + ROLES + "`");
      }
      for (TokenStore.TokenInfo t : tokens) {
        env.out().printf("%-32s %-8s %s%n", t.name(), t.role().label(), t.createdAt());
      }
      return 0;
    }
  }
}
