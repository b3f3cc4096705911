package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Two runs' workbooks hold the same findings: the same sheets, row for row, and the same Summary
 * but for when each ran and which copy of the input it read. Public for the worker's tests (core's
 * test-jar), which compare a run on workers with one in-process.
 */
public final class SameWorkbook {
  private SameWorkbook() {}

  /**
   * Asserts {@code actual} has {@code expected}'s findings; {@code what} names them in failures.
   */
  public static void assertSame(String what, Path expected, Path actual) throws IOException {
    of(expected).assertSameIn(what, actual);
  }

  /** {@code expected}'s findings, read once, for comparing several workbooks with them. */
  public static Expected of(Path expected) throws IOException {
    return new Expected(new WorkbookRows(expected));
  }

  /** One workbook's findings that others must have. */
  public static final class Expected {
    private final WorkbookRows wa;

    private Expected(WorkbookRows wa) {
      this.wa = wa;
    }

    /** Asserts {@code actual} has these findings; {@code what} names them in failures. */
    public void assertSameIn(String what, Path actual) throws IOException {
      WorkbookRows wb = new WorkbookRows(actual);
      assertThat(wb.sheetNames()).as(what + " sheets").isEqualTo(wa.sheetNames());
      for (String sheet : wa.sheetNames()) {
        if (!sheet.equals("Summary")) {
          String base = sheet.replaceAll(" \\(\\d+\\)$", "");
          assertThat(wb.rows(base)).as(what + " " + sheet).isEqualTo(wa.rows(base));
        }
      }
      Map<String, String> summaryA = new HashMap<>(wa.summary());
      Map<String, String> summaryB = new HashMap<>(wb.summary());
      summaryA.keySet().removeIf(SameWorkbook::timed);
      summaryB.keySet().removeIf(SameWorkbook::timed);
      assertThat(summaryB).as(what + " Summary").isEqualTo(summaryA);
    }
  }

  /** Summary rows the two runs cannot share: when each ran, and each one's copy of the input. */
  private static boolean timed(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    return l.contains("generated")
        || l.contains("duration")
        || l.contains("finished")
        || l.equals("database");
  }
}
