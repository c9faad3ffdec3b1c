package dev.cutover.bench;

final class DemoBench {
  DemoBench(java.nio.file.Path d) {}

  java.util.List<Figure> runAll() { return java.util.List.of(); }
  Figure run() { throw new UnsupportedOperationException("todo"); }
}
