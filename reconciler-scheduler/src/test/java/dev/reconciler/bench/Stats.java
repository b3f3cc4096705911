package dev.reconciler.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles and medians. */
final class Stats {
  private Stats() {}

  /** The p-th percentile (0..100) of the values, nearest rank. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(List<Double> values) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
  }
}
