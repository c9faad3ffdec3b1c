package dev.cutover.domain;

/** Process exit codes: part of the interface, documented in the README. */
public enum ExitCode {
  COMPLETED(0, "completed: every step baked healthy, 100% on AWS"),
  INTERNAL_ERROR(1, "internal error (a bug): see the log"),
  INVALID_INPUT(2, "invalid input: the plan or the command line is wrong"),
  PREFLIGHT_FAILED(3, "preflight failed: nothing was changed"),
  ROLLED_BACK(4, "rolled back by a gate: an alarm breached or could not be read; 100% on Heroku"),
  OPERATOR_STOPPED(5, "stopped by an operator (rollback or abort); 100% on Heroku"),
  CONFLICT(6, "conflict or drift: someone else changed the records; the run stopped, nothing overwritten"),
  FAILED_SAFE(7, "AWS kept failing past the retry deadline; a revert to Heroku was applied"),
  BAKED_SOAKING(8, "every step baked healthy, 100% on AWS; the soak goes on unwatched until `cutover run` or"
      + " `cutover serve` resumes it (run --until baked)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
