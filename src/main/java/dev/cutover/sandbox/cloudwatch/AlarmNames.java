package dev.cutover.sandbox.cloudwatch;

/** Alarm name rules and ARNs (the sandbox's fixed region and account). */
final class AlarmNames {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";

  private AlarmNames() {}

  static void check(String name) {
    if (name == null || name.isEmpty()) {
      throw CloudWatchServiceException.missingParameter("AlarmName");
    }
    if (name.length() > 255) {
      throw CloudWatchServiceException.validation("AlarmName must be at most 255 characters");
    }
  }

  static String arn(String name) {
    return "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + name;
  }
}
