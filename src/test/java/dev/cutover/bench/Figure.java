package dev.cutover.bench;

/** One row of the closing table: what was measured, the target, and whether it was met. */
record Figure(String benchmark, String figure, String target, String verdict) {
  static final String PASS = "PASS";
  static final String FAIL = "FAIL";
  static final String REPORT = "REPORT";

  static String verdict(boolean met) {
    return met ? PASS : FAIL;
  }
}
