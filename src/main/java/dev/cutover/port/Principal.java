package dev.cutover.port;

import java.util.Objects;

/**
 * Who is calling, once authenticated: the name every action is attributed to (a token's name, or a JWT's
 * subject) and the role that bounds what they may do.
 */
public record Principal(String name, Role role) {
  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a principal needs a name to attribute actions to");
    }
  }
}
