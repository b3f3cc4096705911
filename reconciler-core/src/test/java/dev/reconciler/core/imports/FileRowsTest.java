package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows an export holds: counted in a small file, estimated from its start in a large one. */
class FileRowsTest {
  @TempDir Path dir;

  @Test
  void aSmallFileHasItsLinesCountedWithOrWithoutALastLineFeed() throws Exception {
    assertThat(rows("a,b\n1,2\n3,4\n")).isEqualTo(3);
    assertThat(rows("a,b\r\n1,2\r\n3,4")).isEqualTo(3);
    assertThat(rows("")).isZero();
  }

  @Test
  void aLargeFileHasItsRowsEstimatedFromItsFirstLines() throws Exception {
    // 330-byte rows, as a Stripe export's: 20,000 of them, some 6.6 MB.
    String row = "x".repeat(329) + "\n";
    long estimate = rows(row.repeat(20_000));

    assertThat(estimate).isCloseTo(20_000, within(20L));
  }

  @Test
  void linesLongerThanTheSampleAreAtMostOnePerSample() throws Exception {
    String file = "y".repeat(FileRows.SAMPLE_BYTES * 3);

    assertThat(rows(file)).isEqualTo(3);
  }

  private long rows(String content) throws Exception {
    Path file = Files.writeString(dir.resolve("export.csv"), content);
    return FileRows.estimate(file, Files.size(file));
  }
}
