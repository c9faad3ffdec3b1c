package dev.cutover.port;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the HTTP API may do. Each role includes the ones below it: a viewer reads; an operator also
 * pauses, resumes (approves), promotes, aborts and rolls back; an admin also submits and deletes plans.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** Whether this role may do what {@code required} may. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** The role named {@code text} (any case), or empty. */
  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(text.trim())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** {@code viewer}, {@code operator}, {@code admin}: as written on the command line and in JWT claims. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
