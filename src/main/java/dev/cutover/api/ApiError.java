package dev.cutover.api;

import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, with the HTTP status, a message saying what is wrong and how to fix it, and, for
 * bad input, every problem with its field path. Rendered as {@code {"error": ..., "problems": [...]}}.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One thing wrong with the input: where (a field path), what, and how to fix it. */
  record Problem(String path, String message, String fix, String severity) {
    Problem(String path, String message, String fix) {
      this(path, message, fix, "error");
    }
  }

  private final int status;
  private final transient List<Problem> problems;
  private final transient Map<String, String> headers;

  private ApiError(int status, String message, List<Problem> problems, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.problems = List.copyOf(problems);
    this.headers = Map.copyOf(headers);
  }

  int status() {
    return status;
  }

  List<Problem> problems() {
    return problems;
  }

  Map<String, String> headers() {
    return headers;
  }

  static ApiError badRequest(String message, List<Problem> problems) {
    return new ApiError(400, message, problems, Map.of());
  }

  static ApiError badRequest(String path, String message, String fix) {
    return badRequest(message, List.of(new Problem(path, message, fix)));
  }

  /** 401 with the challenge of RFC 6750 (section 3): no token, or one that is not valid. */
  static ApiError unauthorized(String message, boolean tokenGiven) {
    return new ApiError(401, message, List.of(), Map.of("WWW-Authenticate", tokenGiven
        ? "Bearer realm=\"cutover\", error=\"invalid_token\"" : "Bearer realm=\"cutover\""));
  }

  static ApiError forbidden(String message) {
    return new ApiError(403, message, List.of(), Map.of());
  }

  static ApiError notFound(String message) {
    return new ApiError(404, message, List.of(), Map.of());
  }

  static ApiError of(int status, String message) {
    return new ApiError(status, message, List.of(), Map.of());
  }
}
