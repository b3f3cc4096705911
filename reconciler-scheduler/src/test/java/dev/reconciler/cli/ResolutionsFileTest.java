package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resolutions file says before the ledger is asked: lines that cannot be read at all. */
class ResolutionsFileTest {
  @TempDir Path dir;

  private List<String> problems(String text) throws IOException {
    Path file = Files.writeString(dir.resolve("r.csv"), text);
    return ResolutionsFile.read(file, "ann", Instant.EPOCH).problems(List.of()).stream()
        .map(p -> p.substring(file.toString().length()))
        .toList();
  }

  /**
   * A note whose quote is never closed takes the resolutions after it in: the file is refused
   * naming the lines taken, where before they became one line's note and were never resolved.
   */
  @Test
  void aQuoteNeverClosedRefusesTheLineNamingTheLinesItTook() throws IOException {
    assertThat(
            problems(
                "source,transaction_id,as,note\n"
                    + "sales,T-2,written_off,\"refunded by bank transfer\n"
                    + "processor,T-4,explained,fee reversed\n"
                    + "sales,T-3,explained,duplicate order\n"))
        .containsExactly(
            ": line 2: unclosed quote? cell runs from line 2 to line 4: a resolution is one line,"
                + " so lines 3 to 4 were not read as resolutions");
  }

  /** With a by column the width differs too: the same refusal, not a count of fields. */
  @Test
  void aQuoteNeverClosedIsNamedAsSuchWhateverTheWidth() throws IOException {
    assertThat(
            problems(
                "source,transaction_id,as,note,by\n"
                    + "sales,T-2,written_off,\"refunded,ann\n"
                    + "processor,T-4,explained,fee reversed,bob\n"))
        .containsExactly(
            ": line 2: unclosed quote? cell runs from line 2 to line 3: a resolution is one line,"
                + " so line 3 was not read as a resolution");
  }
}
