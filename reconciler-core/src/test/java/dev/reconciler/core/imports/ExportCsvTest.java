package dev.reconciler.core.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCsvTest {
  /** True of a quote never closed and of text after a closing quote alike. */
  private static final String QUOTING_HINT =
      " (a quoted cell must close its quote right before the next comma or line end)";

  @TempDir Path dir;

  private ExportCsv open(String text) throws IOException {
    Path file = dir.resolve("export.csv");
    Files.writeString(file, text, UTF_8);
    Reader reader = Files.newBufferedReader(file, UTF_8);
    return ExportCsv.open(reader, "export.csv");
  }

  private List<String> linesAndFirstFields(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (ExportCsv csv = open(text)) {
      for (ExportRecord r = csv.next(); r != null; r = csv.next()) {
        out.add(r.getStartingLineNumber() + ":" + r.getField(0));
      }
    }
    return out;
  }

  @Test
  void aLeadingByteOrderMarkIsSkippedAndLinesCountFromOne() throws IOException {
    assertThat(linesAndFirstFields("\ufeffid,x\na,1\n")).containsExactly("1:id", "2:a");
    assertThat(linesAndFirstFields("id,x\na,1\n")).containsExactly("1:id", "2:a");
  }

  @Test
  void crlfLfAndBlankLinesKeepPhysicalLineNumbers() throws IOException {
    assertThat(linesAndFirstFields("id,x\r\na,1\r\n\r\nb,2\nc,3"))
        .containsExactly("1:id", "2:a", "4:b", "5:c");
  }

  @Test
  void aQuotedLineBreakDoesNotShiftTheLinesAfterIt() throws IOException {
    assertThat(linesAndFirstFields("id,x\n\"a\r\nb\",\"q \"\"x\"\", y\"\nc,3\n"))
        .containsExactly("1:id", "2:a\nb", "4:c");
  }

  @Test
  void aLoneCarriageReturnInAQuotedLastFieldKeepsTheFieldAndTheNextLine() throws IOException {
    // FastCSV 4.1.0 alone reads this as [a, b, q]: the field lost, the next line taken in its
    // place.
    assertThat(linesAndFirstFields("h\na,b,\"Z\r1\"\nq\nc,d\r\re\n"))
        .containsExactly("1:h", "2:a", "4:q", "5:c", "7:e");
    try (ExportCsv csv = open("a,b,\"Z\r1\"\nq\n")) {
      assertThat(csv.next().getFields()).containsExactly("a", "b", "Z\n1");
      assertThat(csv.next().getFields()).containsExactly("q");
    }
  }

  private List<String> startAndEndLines(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (ExportCsv csv = open(text)) {
      for (ExportRecord r = csv.next(); r != null; r = csv.next()) {
        out.add(r.getStartingLineNumber() + "-" + r.getEndingLineNumber());
      }
    }
    return out;
  }

  @Test
  void aRecordEndsOnTheLineItsLastQuotedLineBreakReaches() throws IOException {
    assertThat(startAndEndLines("id,x\r\n\"a\r\n\rb\",\"q\nr\"\n\nc,3\n"))
        .containsExactly("1-1", "2-5", "7-7");
    assertThat(startAndEndLines("id,x\n\"a\n\"\n")).containsExactly("1-1", "2-3");
    assertThat(startAndEndLines("id,x\n\"a\n\"")).containsExactly("1-1", "2-3");
  }

  /** The file's final line end, taken into a cell by a quote left open, starts no further line. */
  @Test
  void aQuoteLeftOpenToTheEndEndsOnTheFilesLastLine() throws IOException {
    assertThat(startAndEndLines("id,x\nb,\"y\nc,1\n")).containsExactly("1-1", "2-3");
    assertThat(startAndEndLines("id,x\r\nb,\"y\r\nc,1\r\n\r\n")).containsExactly("1-1", "2-4");
    assertThat(startAndEndLines("id,x\nb,\"y\nc,1")).containsExactly("1-1", "2-3");
  }

  private List<Boolean> quotesLeftOpen(String text) throws IOException {
    List<Boolean> out = new ArrayList<>();
    try (ExportCsv csv = open(text)) {
      for (ExportRecord r = csv.next(); r != null; r = csv.next()) {
        out.add(r.quoteLeftOpen());
      }
    }
    return out;
  }

  @Test
  void onlyAQuoteStillOpenAtTheEndOfTheTextIsLeftOpen() throws IOException {
    assertThat(quotesLeftOpen("id,x\nb,\"y\nc,1\n")).containsExactly(false, true);
    assertThat(quotesLeftOpen("id,x\nb,\"y\n\n")).containsExactly(false, true);
    assertThat(quotesLeftOpen("id,x\nb,\"y")).containsExactly(false, true);
    assertThat(quotesLeftOpen("id,x\nb,\"y\nc\"\n")).containsExactly(false, false);
    assertThat(quotesLeftOpen("id,x\nb,\"y\nc\"")).containsExactly(false, false);
    assertThat(quotesLeftOpen("id,x\r\nb,\"y\r\nc\"\r\n\r\n")).containsExactly(false, false);
    assertThat(quotesLeftOpen("id,\"x\"\nb,\"y\"\nc,z\n")).containsExactly(false, false, false);
    assertThat(quotesLeftOpen("id,x\nb,y\n")).containsExactly(false, false);
  }

  @Test
  void aQuoteNeverClosedRefusesTheFileNamingIt() throws IOException {
    String text = "id,x\na,1\nb,\"" + "y\n".repeat(ExportCsv.MAX_FIELD_CHARS / 2 + 10);
    assertThatThrownBy(() -> linesAndFirstFields(text))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageStartingWith("export.csv: not readable as CSV after line 2")
        .hasMessageEndingWith(QUOTING_HINT);
  }

  /**
   * Read strictly: a blank before an opening quote makes the quotes text (the row is rejected where
   * such a cell is read, see StripeParserTest), and a blank after a closing quote is text after it.
   */
  @Test
  void aBlankBeforeAnOpeningQuoteIsMarkedAndOneAfterAClosingQuoteRefusesTheFile()
      throws IOException {
    try (ExportCsv csv = open("a, \"T2\",c\nb,\"x, y\",\t\"z\"\n")) {
      ExportRecord first = csv.next();
      assertThat(first.getFields()).containsExactly("a", " \"T2\"", "c");
      assertThat(first.quoteAfterBlank(1)).isTrue();
      assertThat(first.quoteAfterBlank(0)).isFalse();
      ExportRecord second = csv.next();
      assertThat(second.getFields()).containsExactly("b", "x, y", "\t\"z\"");
      assertThat(second.quoteAfterBlank(1)).as("quoted: its quotes are quoting").isFalse();
      assertThat(second.quoteAfterBlank(2)).isTrue();
    }
    assertThatThrownBy(() -> linesAndFirstFields("id,x\na,1\nb,\"Order\" \n"))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageStartingWith("export.csv: not readable as CSV after line 2")
        .hasMessageEndingWith(QUOTING_HINT);
  }

  /** Text after a closing quote is no quote left open: the hint names both. */
  @Test
  void textAfterAClosingQuoteRefusesTheFileWithAHintThatFitsIt() throws IOException {
    assertThatThrownBy(() -> linesAndFirstFields("id,x\na,1\nb,\"Order\"x\n"))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage(
            "export.csv: not readable as CSV after line 2: Exception when reading record that"
                + " started in line 3: Unexpected character after closing quote: 'x' (0x78)"
                + QUOTING_HINT);
  }

  @Test
  void aRecordReadAfterTheNextOneFailsLoudlyInsteadOfShowingTheNextOnesText() throws IOException {
    try (ExportCsv csv = open("id,x\na,1\nb,2\n")) {
      ExportRecord header = csv.next();
      ExportRecord first = csv.next();
      assertThat(first.getField(0)).isEqualTo("a");
      List<String> kept = first.getFields();
      assertThat(csv.next().getField(0)).isEqualTo("b");
      assertThat(kept).containsExactly("a", "1");
      assertThatThrownBy(() -> first.getField(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the record of line 2 was read after the next record");
      assertThatThrownBy(() -> header.getField(0)).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> first.getField(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void aFieldNeverReadIsStillHeldToTheLengthLimit() throws IOException {
    String text = "id,x\na,1\nb,\"" + "y\n".repeat(ExportCsv.MAX_FIELD_CHARS / 2 + 10);
    try (ExportCsv csv = open(text)) {
      csv.next();
      assertThat(csv.next().getField(0)).isEqualTo("a");
      assertThatThrownBy(csv::next)
          .isInstanceOf(ImportFormatException.class)
          .hasMessageStartingWith("export.csv: not readable as CSV after line 2");
    }
  }

  @Test
  void headerNamesEveryMissingColumnAndFindsOthersInAnyOrder() throws IOException {
    try (ExportCsv csv = open(" net , gross,extra\n1,2,3\n")) {
      Header header = Header.read(csv);
      Header.Columns columns = header.columns();
      assertThat(columns.required("gross")).isEqualTo(1);
      assertThat(columns.required("net")).isEqualTo(0);
      assertThat(columns.optional("fee")).isEqualTo(-1);
      assertThat(columns.optional("", "created", "extra")).isEqualTo(2);
      columns.required("currency");
      columns.required("created_utc", "created");
      assertThatThrownBy(columns::check)
          .isInstanceOf(ImportFormatException.class)
          .hasMessage(
              "export.csv: line 1: missing required columns 'currency', 'created_utc or created'"
                  + " (not this format?)");
    }
  }

  @Test
  void aColumnNamedTwiceIsRefusedWhenUsed() throws IOException {
    try (ExportCsv csv = open("gross,gross,net\n")) {
      Header.Columns columns = Header.read(csv).columns();
      columns.required("net");
      columns.check();
      columns.required("gross");
      assertThatThrownBy(columns::check).hasMessageContaining("column named twice 'gross'");
    }
  }

  @Test
  void aFileNameIsShownOnOneLine() {
    ExportCsv csv = ExportCsv.open(new java.io.StringReader(""), "evil\n.csv");
    assertThatThrownBy(() -> Header.read(csv))
        .hasMessageStartingWith("evil\\n.csv: the file is empty");
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    try (ExportCsv csv = open("")) {
      assertThatThrownBy(() -> Header.read(csv))
          .isInstanceOf(ImportFormatException.class)
          .hasMessage("export.csv: the file is empty: expected a header row");
    }
  }

  /** Only the columns a parser looked up are bounded: a long description it never reads is fine. */
  @Test
  void aRowIsRejectedWhenACellOfAColumnTheParserReadsIsTooLong() throws IOException {
    String atBound = "a".repeat(Cells.MAX_CELL_CHARS);
    String over = "b".repeat(Cells.MAX_CELL_CHARS + 1);
    List<String> rows = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    String text =
        " id ,note,ref\n"
            + String.join(
                "\n",
                "1," + over + "," + atBound,
                "2,x," + over,
                over + ",x,r",
                "4,x,\"" + over.substring(1) + "\"");
    try (ExportCsv csv = open(text)) {
      Header header = Header.read(csv);
      Header.Columns columns = header.columns();
      int id = columns.required("id");
      int ref = columns.optional("reference", "ref");
      columns.check();
      csv.forEachRow(
          r -> {
            header.checkRow(r);
            rows.add(Cells.text(r, id) + ":" + Cells.text(r, ref).length());
            return null;
          },
          new ExportParser.RowSink() {
            @Override
            public void row(ProcessorRow row) {}

            @Override
            public void reject(long line, String reason) {
              rejects.add(line + " " + reason);
            }
          });
    }
    assertThat(rows).containsExactly("1:1000", "4:1000");
    assertThat(rejects)
        .containsExactly(
            "3 ref is 1,001 characters long, more than 1,000: not imported",
            "4 id is 1,001 characters long, more than 1,000: not imported");
  }

  @Test
  void rowsOfAnotherWidthAreRejectedWithTheirLine() throws IOException {
    List<String> rejects = new ArrayList<>();
    List<Long> rows = new ArrayList<>();
    try (ExportCsv csv = open("a,b\n1,2\n1\n1,2,3\n")) {
      Header header = Header.read(csv);
      csv.forEachRow(
          r -> {
            header.checkRow(r);
            rows.add(r.getStartingLineNumber());
            return null;
          },
          new ExportParser.RowSink() {
            @Override
            public void row(ProcessorRow row) {}

            @Override
            public void reject(long line, String reason) {
              rejects.add(line + " " + reason);
            }
          });
    }
    assertThat(rows).containsExactly(2L);
    assertThat(rejects)
        .containsExactly(
            "3 the row has 1 fields where the header (line 1) has 2",
            "4 the row has 3 fields where the header (line 1) has 2");
  }
}
