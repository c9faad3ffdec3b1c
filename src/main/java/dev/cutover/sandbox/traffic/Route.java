package dev.cutover.sandbox.traffic;

import java.util.Objects;

/**
 * A name the clients resolve, and which record value means which backend: Heroku's {@code *.herokudns.com}
 * target or the ALB's DNS name. An answer with any other value counts as Heroku's (the old world).
 */
public record Route(String name, String type, String herokuValue, String awsValue) {
  public Route {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(herokuValue, "herokuValue");
    Objects.requireNonNull(awsValue, "awsValue");
  }
}
