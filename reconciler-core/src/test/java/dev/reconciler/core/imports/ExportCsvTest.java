package dev.reconciler.core.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCsvTest {
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

  @Test
  void aQuoteNeverClosedRefusesTheFileNamingIt() throws IOException {
    String text = "id,x\na,1\nb,\"" + "y\n".repeat(ExportCsv.MAX_FIELD_CHARS / 2 + 10);
    assertThatThrownBy(() -> linesAndFirstFields(text))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageStartingWith("export.csv: not readable as CSV after line 2");
  }

  @Test
  void afterReadOnlyTheAskedFieldsAreReadAndAnUnreadOneFailsLoudly() throws IOException {
    try (ExportCsv csv = open("id,skip,amount\na,b,1\n")) {
      Header header = Header.read(csv);
      Header.Columns columns = header.columns();
      int id = columns.required("id");
      int amount = columns.required("amount");
      csv.readOnly(header.asked());
      ExportRecord row = csv.next();
      assertThat(row.getFieldCount()).isEqualTo(3);
      assertThat(row.getField(id)).isEqualTo("a");
      assertThat(row.getField(amount)).isEqualTo("1");
      // A parser reading a column it did not ask for must not take it for an empty cell.
      assertThatThrownBy(() -> row.getField(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("field 1 of line 2 was not read");
    }
  }

  @Test
  void aRecordWhoseFirstFieldSaysSoIsReadWhole() throws IOException {
    try (ExportCsv csv = open("SB,x,y\nCH,p,q\nSB,u,v\n")) {
      BitSet first = new BitSet();
      first.set(0);
      csv.readOnly(first, kind -> !kind.equals("SB"));
      ExportRecord row = csv.next();
      assertThat(row.getField(0)).isEqualTo("SB");
      assertThatThrownBy(() -> row.getField(2)).isInstanceOf(IllegalStateException.class);
      assertThat(csv.next().getFields()).containsExactly("CH", "p", "q");
      assertThatThrownBy(() -> csv.next().getField(1)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aFieldLeftUnreadIsStillHeldToTheLengthLimit() throws IOException {
    String text = "id,x\na,1\nb,\"" + "y\n".repeat(ExportCsv.MAX_FIELD_CHARS / 2 + 10);
    try (ExportCsv csv = open(text)) {
      Header header = Header.read(csv);
      header.columns().required("id");
      csv.readOnly(header.asked());
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

  @Test
  void rowsOfAnotherWidthAreRejectedWithTheirLine() throws IOException {
    List<String> rejects = new ArrayList<>();
    List<Long> rows = new ArrayList<>();
    try (ExportCsv csv = open("a,b\n1,2\n1\n1,2,3\n")) {
      Header header = Header.read(csv);
      csv.forEachRow(
          r -> {
            header.checkWidth(r);
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
