package dev.cutover.bench;

final class ThroughputBench {
  ThroughputBench() {}

  java.util.List<Figure> runAll() { return java.util.List.of(); }
  Figure run() { throw new UnsupportedOperationException("todo"); }
}
