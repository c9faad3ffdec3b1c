package dev.cutover.sandbox.cloudwatch;

/** The three alarm states. */
public enum StateValue {
  OK,
  ALARM,
  INSUFFICIENT_DATA;

  public static StateValue parse(String text) {
    for (StateValue v : values()) {
      if (v.name().equals(text)) {
        return v;
      }
    }
    throw CloudWatchServiceException.invalidParameter("Invalid StateValue: " + text
        + " (expected OK, ALARM or INSUFFICIENT_DATA)");
  }
}
