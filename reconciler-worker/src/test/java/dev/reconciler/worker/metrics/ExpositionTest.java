package dev.reconciler.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.worker.metrics.Exposition.Histogram;
import dev.reconciler.worker.metrics.Exposition.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionTest {
  @Test
  void writesGaugesCountersAndCumulativeHistogramsAStrictParserReadsBack() {
    String text =
        new Exposition()
            .gauge("q_length", "Jobs", List.of(Sample.of(3, "queue", "a\"b\nc\\d")))
            .counter("runs", "Runs", List.of(Sample.of(7, "task", "ping", "outcome", "failed")))
            .histogram(
                "took_seconds",
                "Durations",
                List.of(
                    new Histogram(
                        List.of("task", "ping"), List.of(0.1, 1.0), new long[] {2, 0, 1}, 9.5)))
            .text();

    PromText parsed = PromText.parse(text);
    assertThat(parsed.type("q_length")).isEqualTo("gauge");
    assertThat(parsed.value("q_length", "queue", "a\"b\nc\\d")).isEqualTo(3.0);
    assertThat(parsed.value("runs_total", "task", "ping", "outcome", "failed")).isEqualTo(7.0);
    assertThat(parsed.value("took_seconds_bucket", "task", "ping", "le", "0.1")).isEqualTo(2.0);
    assertThat(parsed.value("took_seconds_bucket", "task", "ping", "le", "1.0")).isEqualTo(2.0);
    assertThat(parsed.value("took_seconds_bucket", "task", "ping", "le", "+Inf")).isEqualTo(3.0);
    assertThat(parsed.value("took_seconds_count", "task", "ping")).isEqualTo(3.0);
    assertThat(parsed.value("took_seconds_sum", "task", "ping")).isEqualTo(9.5);
  }

  @Test
  void theParserRefusesWhatPrometheusWouldRefuse() {
    assertThatThrownBy(() -> PromText.parse("x 1\n")).hasMessageContaining("before any TYPE");
    assertThatThrownBy(() -> PromText.parse("# TYPE x gauge\nx 1\nx 2\n"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> PromText.parse("# TYPE x gauge\nx{a=\"1} 1\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PromText.parse("# TYPE x counter\ny 1\n"))
        .hasMessageContaining("outside its family");
    assertThatThrownBy(() -> PromText.parse("# TYPE x gauge\nx 1f\n"))
        .hasMessageContaining("bad number");
    assertThatThrownBy(
            () ->
                PromText.parse(
                    "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"))
        .hasMessageContaining("not cumulative");
  }
}
