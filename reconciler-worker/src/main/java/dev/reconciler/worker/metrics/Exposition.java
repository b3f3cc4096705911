package dev.reconciler.worker.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus text exposition of plain numbers: the only class that uses the Prometheus client,
 * and only its snapshot model and text writer (no registry, no server, no state between scrapes).
 */
final class Exposition {
  /** One sample: label name/value pairs, then the value. */
  record Sample(List<String> labels, double value) {
    static Sample of(double value, String... labels) {
      return new Sample(List.of(labels), value);
    }
  }

  /**
   * One histogram: label pairs, upper bounds (without +Inf), runs per bucket (not cumulative, one
   * more than the bounds: the last is past every bound) and the sum of the observed values.
   */
  record Histogram(List<String> labels, List<Double> bounds, long[] counts, double sum) {}

  private final List<MetricSnapshot> metrics = new ArrayList<>();

  Exposition gauge(String name, String help, List<Sample> samples) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
    for (Sample s : samples) {
      gauge.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(labels(s.labels()))
              .value(s.value())
              .build());
    }
    metrics.add(gauge.build());
    return this;
  }

  /** A counter; {@code name} without the {@code _total} the text format adds. */
  Exposition counter(String name, String help, List<Sample> samples) {
    CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
    for (Sample s : samples) {
      counter.dataPoint(
          CounterSnapshot.CounterDataPointSnapshot.builder()
              .labels(labels(s.labels()))
              .value(s.value())
              .build());
    }
    metrics.add(counter.build());
    return this;
  }

  Exposition histogram(String name, String help, List<Histogram> histograms) {
    HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(name).help(help);
    for (Histogram h : histograms) {
      double[] bounds = new double[h.bounds().size() + 1];
      for (int i = 0; i < h.bounds().size(); i++) {
        bounds[i] = h.bounds().get(i);
      }
      bounds[h.bounds().size()] = Double.POSITIVE_INFINITY;
      histogram.dataPoint(
          HistogramSnapshot.HistogramDataPointSnapshot.builder()
              .labels(labels(h.labels()))
              .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, h.counts()))
              .sum(h.sum())
              .build());
    }
    metrics.add(histogram.build());
    return this;
  }

  /** The text format (version 0.0.4), as Prometheus scrapes it and node_exporter reads it. */
  String text() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(metrics));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The content type of {@link #text}, for an HTTP response. */
  static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  private static Labels labels(List<String> pairs) {
    return pairs.isEmpty() ? Labels.EMPTY : Labels.of(pairs.toArray(String[]::new));
  }
}
