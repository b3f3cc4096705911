package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvParserTest {
  /** The built-in [import.csv] mapping: a simple file must work with it. */
  private static final CsvMapping DEFAULTS = SettingsLoader.defaults().imports().csv();

  private static final String HEADER =
      "id,transaction_id,type,amount,fee,currency,created_at,payout_id,reference,original_reference";

  private static final List<String> FILE =
      List.of(
          HEADER,
          "r1,TXN-1,Payment,100.00,2.90,usd,2026-11-28T10:15:30Z,P1,ch_1,",
          "r2,TXN-1,REFUND,-20,,USD,2026-11-28 12:00:00,P1,re_1,ch_1",
          "r3,TXN-2,dispute,-50.00,15.00,EUR,2026-11-28T12:00:00+01:00,P1,du_1,ch_2",
          "r4,TXN-2,chargeback_reversal,50.00,-15.00,EUR,2026-11-28T13:00:00+01:00,P1,du_1,ch_2",
          "r5,,fee,-1.5,0,USD,2026-11-28T14:00:00Z,P1,,",
          "r6,,payout,-75.60,0,USD,2026-11-29T00:00:00Z,P1,po_1,",
          "r7,\"TXN,3\",sale,1500,45,JPY,2026-11-28,,\"note \"\"x\"\"\nmore\",");

  @TempDir Path dir;

  private final CsvParser berlin =
      new CsvParser(DEFAULTS, Set.of("USD", "EUR", "JPY"), ZoneId.of("Europe/Berlin"));

  private Parsed parse(CsvParser parser, List<String> lines) throws IOException {
    return Parsed.parse(parser, Parsed.write(dir, "generic.csv", lines, false, false));
  }

  private static String summary(ProcessorRow r) {
    return String.join(
        "|",
        r.rowKey(),
        r.type().id(),
        r.rawType(),
        String.valueOf(r.transactionId()),
        r.gross().toPlainString(),
        r.fee().toPlainString(),
        r.net().toPlainString(),
        r.currency(),
        r.occurredAt().toString(),
        String.valueOf(r.payoutId()),
        String.valueOf(r.account()),
        String.valueOf(r.processorRef()),
        String.valueOf(r.originalRef()),
        r.status(),
        String.valueOf(r.sourceLine()));
  }

  @Test
  void aRowWithAnOverLongIdIsRejectedNamingTheColumn() throws IOException {
    List<String> lines = new java.util.ArrayList<>(FILE);
    lines.set(1, lines.get(1).replace("r1,", "r".repeat(1_001) + ","));

    Parsed parsed = parse(berlin, lines);

    assertThat(parsed.rejects)
        .containsExactly("2: id is 1,001 characters long, more than 1,000: not imported");
    assertThat(parsed.rows).hasSize(FILE.size() - 2);
  }

  @Test
  void theDefaultMappingReadsEveryTypeAndComputesNetWhenTheFileHasNone() throws IOException {
    Parsed parsed = parse(berlin, FILE);
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows)
        .extracting(CsvParserTest::summary)
        .containsExactly(
            "r1|payment|Payment|TXN-1|100.00|2.90|97.10|USD|2026-11-28T10:15:30Z|P1|null|ch_1|null|settled|2",
            "r2|refund|REFUND|TXN-1|-20.00|0.00|-20.00|USD|2026-11-28T11:00:00Z|P1|null|re_1|ch_1|settled|3",
            "r3|chargeback|dispute|TXN-2|-50.00|15.00|-65.00|EUR|2026-11-28T11:00:00Z|P1|null|du_1|ch_2|settled|4",
            "r4|chargeback_reversal|chargeback_reversal|TXN-2|50.00|-15.00|65.00|EUR|2026-11-28T12:00:00Z|P1|null|du_1|ch_2|settled|5",
            "r5|fee|fee|null|-1.50|0.00|-1.50|USD|2026-11-28T14:00:00Z|P1|null|null|null|settled|6",
            "r6|payout|payout|null|-75.60|0.00|-75.60|USD|2026-11-29T00:00:00Z|P1|null|po_1|null|settled|7",
            "r7|payment|sale|TXN,3|1500|45|1455|JPY|2026-11-27T23:00:00Z|null|null|note \"x\"\nmore|null|settled|8");
  }

  @ParameterizedTest
  @CsvSource({"true,false", "false,true", "true,true"})
  void aByteOrderMarkAndCrlfChangeNothing(boolean bom, boolean crlf) throws IOException {
    List<String> expected = parse(berlin, FILE).rows.stream().map(CsvParserTest::summary).toList();
    Parsed parsed = Parsed.parse(berlin, Parsed.write(dir, "g.csv", FILE, bom, crlf));
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows.stream().map(CsvParserTest::summary).toList()).isEqualTo(expected);
  }

  @Test
  void aNetColumnIsTakenAsWrittenAndAConfiguredMappingFindsRenamedColumns() throws IOException {
    CsvMapping mapping =
        new CsvMapping(
            "Row",
            "Order Ref",
            "Kind",
            "Gross",
            "",
            "Net",
            "Cur",
            "When",
            "",
            "Merchant",
            "",
            "",
            Map.of("sale", RowType.PAYMENT, "adjustment", RowType.OTHER),
            CsvMapping.Amounts.SIGNED,
            DEFAULTS.decimals(),
            DEFAULTS.delimiter(),
            "",
            java.util.Locale.ROOT,
            java.nio.charset.StandardCharsets.UTF_8);
    Parsed parsed =
        parse(
            new CsvParser(mapping, Set.of(), ZoneId.of("UTC")),
            List.of(
                "Net , Extra,Kind,Merchant,When,Cur,Gross,Order Ref,Row",
                "9.00,x,SALE,m1,2026-11-28T10:00:00-05:00,chf,10.00,A-1,k1",
                "1.00,x,adjustment,m1,2026-11-28T10:00:00,chf,1.00,,k2",
                "-0.10,x,sale,m1,2026-11-28T10:00:00,chf,0.20,A-3,k3"));
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows)
        .extracting(CsvParserTest::summary)
        .containsExactly(
            "k1|payment|SALE|A-1|10.00|0.00|9.00|CHF|2026-11-28T15:00:00Z|null|m1|null|null|settled|2",
            "k2|other|adjustment|null|1.00|0.00|1.00|CHF|2026-11-28T10:00:00Z|null|m1|null|null|settled|3",
            // A payment's net below zero (a fixed fee above it) is no error.
            "k3|payment|sale|A-3|0.20|0.00|-0.10|CHF|2026-11-28T10:00:00Z|null|m1|null|null|settled|4");
  }

  /** FILE as a spreadsheet set to a European language saves it: semicolons, decimal commas. */
  private static final List<String> SEMICOLONS =
      List.of(
          "id;transaction_id;type;amount;fee;currency;created_at;payout_id;reference;"
              + "original_reference",
          "r1;TXN-1;Payment;100,00;2,90;usd;2026-11-28T10:15:30Z;P1;ch_1;",
          "r2;TXN-1;REFUND;-20;;USD;2026-11-28 12:00:00;P1;re_1;ch_1",
          "r3;TXN-2;dispute;-50,00;15,00;EUR;2026-11-28T12:00:00+01:00;P1;du_1;ch_2",
          "r4;TXN-2;chargeback_reversal;50,00;-15,00;EUR;2026-11-28T13:00:00+01:00;P1;du_1;ch_2",
          "r5;;fee;-1,5;0;USD;2026-11-28T14:00:00Z;P1;;",
          "r6;;payout;-75,60;0;USD;2026-11-29T00:00:00Z;P1;po_1;",
          "r7;\"TXN;3\";sale;1500;45;JPY;2026-11-28;;\"note \"\"x\"\"\nmore\";");

  /** A parser of [import.csv] as shipped, with {@code env}'s overrides. */
  private static CsvParser configured(Map<String, String> env) {
    return new CsvParser(
        SettingsLoader.load(null, env).imports().csv(),
        Set.of("USD", "EUR", "JPY"),
        ZoneId.of("Europe/Berlin"));
  }

  /**
   * A file of semicolons (or tabs, or bars) and decimal commas could not be read at all: with
   * [import.csv] delimiter and decimal_separator set, it gives the rows of the comma file.
   */
  @ParameterizedTest
  @ValueSource(strings = {";", "tab", "|"})
  void aFileOfAnotherDelimiterAndDecimalCommasReadsWithTheSettings(String word) throws IOException {
    String c = word.equals("tab") ? "\t" : word;
    List<String> lines = SEMICOLONS.stream().map(l -> l.replace(";", c)).toList();
    CsvParser parser =
        configured(
            Map.of(
                "RECONCILER_IMPORT_CSV_DELIMITER",
                word,
                "RECONCILER_IMPORT_CSV_DECIMAL_SEPARATOR",
                ","));
    Parsed parsed = parse(parser, lines);
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows.stream().map(CsvParserTest::summary).toList())
        .isEqualTo(
            parse(berlin, FILE).rows.stream()
                .map(r -> summary(r).replace("TXN,3", "TXN" + c + "3"))
                .toList());
  }

  /**
   * Amounts with a thousands separator read with [import.csv] thousands_separator (a file may group
   * some amounts and not others); a separator between other than groups of three is rejected, and
   * so is any grouping where none is set.
   */
  @Test
  void thousandsSeparatorsAreReadWhereSetAndOnlyBetweenGroupsOfThree() throws IOException {
    List<String> lines =
        List.of(
            "id;transaction_id;type;amount;fee;currency;created_at",
            "r1;TXN-1;payment;1.234.567,89;1.234,00;EUR;2026-11-28T10:15:30Z",
            "r2;TXN-1;refund;-1.234,5;;EUR;2026-11-28T11:00:00Z",
            "r3;TXN-2;payment;999,00;0,5;EUR;2026-11-28T11:00:00Z",
            "r4;TXN-3;payment;12.34,5;0;EUR;2026-11-28T11:00:00Z");
    Map<String, String> dialect =
        Map.of(
            "RECONCILER_IMPORT_CSV_DELIMITER", ";",
            "RECONCILER_IMPORT_CSV_DECIMAL_SEPARATOR", ",");
    Map<String, String> grouped = new java.util.HashMap<>(dialect);
    grouped.put("RECONCILER_IMPORT_CSV_THOUSANDS_SEPARATOR", ".");
    Parsed parsed = parse(configured(grouped), lines);
    assertThat(parsed.rows)
        .extracting(r -> r.rowKey() + " " + r.gross() + " " + r.fee() + " " + r.net())
        .containsExactly(
            "r1 1234567.89 1234.00 1233333.89",
            "r2 -1234.50 0.00 -1234.50",
            "r3 999.00 0.50 998.50");
    assertThat(parsed.rejects)
        .containsExactly("5: unparseable gross '12.34,5' (expected a decimal such as -1.234,56)");
    Parsed ungrouped = parse(configured(dialect), lines);
    assertThat(ungrouped.rows).extracting(ProcessorRow::rowKey).containsExactly("r3");
    assertThat(ungrouped.rejects.get(0))
        .isEqualTo(
            "2: unparseable gross '1.234.567,89' (expected a decimal such as -12,34; a file whose"
                + " amounts group thousands needs [import.csv] thousands_separator)");
  }

  /**
   * Such a file's times are seldom ISO-8601: read by [import.csv] timestamp_format, in the zone; a
   * time not in the pattern is rejected, saying the pattern.
   */
  @Test
  void timesInAnotherPatternAreReadByTheSetting() throws IOException {
    CsvParser parser =
        configured(
            Map.of(
                "RECONCILER_IMPORT_CSV_DELIMITER", ";",
                "RECONCILER_IMPORT_CSV_DECIMAL_SEPARATOR", ",",
                "RECONCILER_IMPORT_CSV_TIMESTAMP_FORMAT", "dd.MM.yyyy HH:mm"));
    Parsed parsed =
        parse(
            parser,
            List.of(
                "id;transaction_id;type;amount;currency;created_at",
                "r1;TXN-1;payment;100,00;EUR;28.11.2026 10:15",
                "r2;TXN-1;refund;-20,00;EUR;2026-11-28T11:00:00Z",
                "r3;TXN-2;payment;5,00;EUR;31.11.2026 00:10",
                "r4;TXN-3;payment;7,00;EUR; 29.11.2026 00:10 "));
    assertThat(parsed.rows)
        .extracting(r -> r.rowKey() + " " + r.occurredAt())
        .containsExactly("r1 2026-11-28T09:15:00Z", "r4 2026-11-28T23:10:00Z");
    assertThat(parsed.rejects)
        .containsExactly(
            "3: unparseable timestamp '2026-11-28T11:00:00Z' (expected dd.MM.yyyy HH:mm, as"
                + " [import.csv] timestamp_format says)",
            "4: unparseable timestamp '31.11.2026 00:10' (expected dd.MM.yyyy HH:mm, as"
                + " [import.csv] timestamp_format says)");
  }

  /** Month names in the file's language, read by [import.csv] timestamp_locale. */
  @Test
  void monthNamesAreReadInTheLanguageTheSettingNames() throws IOException {
    CsvParser parser =
        configured(
            Map.of(
                "RECONCILER_IMPORT_CSV_TIMESTAMP_FORMAT", "dd. MMM yyyy HH:mm",
                "RECONCILER_IMPORT_CSV_TIMESTAMP_LOCALE", "de"));
    Parsed parsed =
        parse(
            parser,
            List.of(
                "id,transaction_id,type,amount,currency,created_at",
                "r1,TXN-1,payment,100.00,EUR,28. Dez. 2026 10:15",
                "r2,TXN-2,payment,5.00,EUR,28. Dec. 2026 10:15"));
    assertThat(parsed.rows)
        .extracting(r -> r.rowKey() + " " + r.occurredAt())
        .containsExactly("r1 2026-12-28T09:15:00Z");
    assertThat(parsed.rejects)
        .containsExactly(
            "3: unparseable timestamp '28. Dec. 2026 10:15' (expected dd. MMM yyyy HH:mm in de, as"
                + " [import.csv] timestamp_format and timestamp_locale say)");
  }

  /**
   * Read with the shipped settings, such a file is refused by its header, naming the setting; its
   * amounts, the delimiter set alone, are rejected naming the other; a comma file read as
   * semicolons is refused naming the comma.
   */
  @Test
  void aFileOfAnotherDelimiterOrDecimalMarkIsRefusedNamingTheSetting() throws IOException {
    assertThatThrownBy(() -> parse(berlin, SEMICOLONS))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageEndingWith(
            " (the header row is one cell holding a semicolon: a file separated by semicolons"
                + " needs [import.csv] delimiter = ;)");
    Parsed points = parse(configured(Map.of("RECONCILER_IMPORT_CSV_DELIMITER", ";")), SEMICOLONS);
    assertThat(points.rejects)
        .startsWith(
            "2: unparseable gross '100,00' (expected a decimal such as -12.34; a file whose"
                + " amounts have a decimal ',' needs [import.csv] decimal_separator = ,)");
    assertThat(points.rows).extracting(ProcessorRow::rowKey).containsExactly("r2", "r7");
    assertThatThrownBy(
            () -> parse(configured(Map.of("RECONCILER_IMPORT_CSV_DELIMITER", "tab")), FILE))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageEndingWith(
            " (the header row is one cell holding a comma: a file separated by commas needs"
                + " [import.csv] delimiter = ,)");
  }

  /**
   * A semicolon file whose column names hold commas is split at those commas into several cells,
   * none of them a column: split at its semicolons it has every column needed, which is the hint.
   */
  @Test
  void aSemicolonHeaderWhoseNamesHoldCommasIsRefusedNamingTheDelimiter() throws IOException {
    CsvParser commaNamed =
        configured(
            Map.of(
                "RECONCILER_IMPORT_CSV_GROSS_COLUMN", "Betrag (EUR, brutto)",
                "RECONCILER_IMPORT_CSV_TIMESTAMP_COLUMN", "Zeit, lokal"));
    List<String> lines =
        List.of(
            "id;transaction_id;type;Betrag (EUR, brutto);currency;Zeit, lokal",
            "r1;T1;payment;1,00;EUR;2026-11-28T10:00:00Z");

    assertThatThrownBy(() -> parse(commaNamed, lines))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageEndingWith(
            " (split at its semicolons, the header row has every column this format needs: a file"
                + " separated by semicolons needs [import.csv] delimiter = ;)");
    // A file that lacks a column under any separator is still "not this format?".
    assertThatThrownBy(() -> parse(commaNamed, List.of("id;type;Betrag (EUR, brutto)", "r1;p;1")))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageEndingWith(" (not this format?)");
  }

  @Test
  void aMissingRequiredColumnRefusesTheFileNamingEveryOne() throws IOException {
    assertThatThrownBy(
            () -> parse(berlin, List.of("id,transaction_id,kind,amount,created_at", "r1,T,x,1,2")))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage(
            "generic.csv: line 1: missing required columns 'type', 'currency' (not this format?)");
  }

  @Test
  void badRowsAreRejectedWithTheirLineAndReason() throws IOException {
    Parsed parsed =
        parse(
            berlin,
            List.of(
                HEADER,
                "r1,T1,payment,12.3.4,0,USD,2026-11-28T10:00:00Z,,,",
                "r2,T1,payment,10,0,CAD,2026-11-28T10:00:00Z,,,",
                "r3,T1,bonus,10,0,USD,2026-11-28T10:00:00Z,,,",
                "r4,,refund,-10,0,USD,2026-11-28T10:00:00Z,,,",
                "r5,T1,payment,10,0,USD,yesterday,,,",
                "r6,T1,payment,10,1e1,USD,2026-11-28T10:00:00Z,,,",
                ",T1,payment,10,0,USD,2026-11-28T10:00:00Z,,,",
                "r8,T1,payment,10,0,USD,2026-11-28T10:00:00Z,,,,",
                "r9,T1,payment,99999999999999.9999,-1,USD,2026-11-28T10:00:00Z,,,"));
    assertThat(parsed.rejects)
        .containsExactly(
            "2: unparseable gross '12.3.4' (expected a decimal such as -12.34)",
            "3: currency 'CAD' is not listed in [reconciliation] currencies",
            "4: unknown row type 'bonus'",
            "5: missing transaction id ('transaction_id')",
            "6: unparseable timestamp 'yesterday' (expected ISO-8601 such as 2026-11-28T10:15:30Z;"
                + " [import.csv] timestamp_format reads another pattern)",
            "7: unparseable fee '1e1' (expected a decimal such as -12.34)",
            "8: missing row id ('id')",
            "9: the row has 11 fields where the header (line 1) has 10",
            "10: net (gross - fee) out of range '100000000000000.9999' (largest 99999999999999.9999)");
    // Each with its transaction id as written, for the report's Raw ID; none where the cell is
    // empty, or where the row's cells do not line up with the header (line 9's may be another's).
    assertThat(parsed.rawIds)
        .containsExactly(
            "2: T1", "3: T1", "4: T1", "5: null", "6: T1", "7: T1", "8: T1", "9: null", "10: T1");
    // And with its time where that reads, for its day's report: none where the time is what was
    // wrong, or where the cells do not line up.
    String at = "2026-11-28T10:00:00Z";
    assertThat(parsed.times)
        .containsExactly(
            "2: " + at,
            "3: " + at,
            "4: " + at,
            "5: " + at,
            "6: null",
            "7: " + at,
            "8: " + at,
            "9: null",
            "10: " + at);
    assertThat(parsed.rows).isEmpty();
  }

  @Test
  void aQuoteNeverClosedIsRejectedNamingEveryLineItTook() throws IOException {
    Parsed parsed =
        parse(
            berlin,
            List.of(
                HEADER,
                "r1,T1,payment,10,0,USD,2026-11-28T10:00:00Z,,,",
                "r2,T2,payment,10,0,USD,2026-11-28T10:00:00Z,,\"order 7,",
                "",
                "r3,T3,payment,10,0,USD,2026-11-28T10:00:00Z,,,",
                "r4,T4,payment,10,0,USD,2026-11-28T10:00:00Z,,,"));
    assertThat(parsed.rows).extracting(ProcessorRow::rowKey).containsExactly("r1");
    assertThat(parsed.rejects)
        .containsExactly(
            "3: unclosed quote? cell runs from line 3 to line 6: the row has 9 fields where the"
                + " header (line 1) has 10");
  }

  /**
   * A quote left open in the last column runs to the end of the file and keeps the header's width:
   * told from a legal multi-line cell by the quote never closed, not by the width.
   */
  @Test
  void aQuoteLeftOpenInTheLastColumnIsRejectedThoughTheWidthFits() throws IOException {
    Parsed parsed =
        parse(
            berlin,
            List.of(
                HEADER,
                "r1,T1,payment,10,0,USD,2026-11-28T10:00:00Z,,,",
                "r2,T2,refund,-10,0,USD,2026-11-28T10:00:00Z,,,\"r1",
                "r3,T3,payment,10,0,USD,2026-11-28T10:00:00Z,,,"));
    assertThat(parsed.rows).extracting(ProcessorRow::rowKey).containsExactly("r1");
    assertThat(parsed.rejects)
        .containsExactly(
            "3: unclosed quote? cell runs from line 3 to line 4: its quote is never closed");
  }

  /** The last row cut short inside a quoted cell (a download not finished) is not imported. */
  @Test
  void aLastRowCutShortInsideAQuoteIsRejected() throws IOException {
    Path file = dir.resolve("cut.csv");
    Files.writeString(
        file, HEADER + "\nr1,T1,payment,10,0,USD,2026-11-28T10:00:00Z,,\"ch_1\",\"or");
    Parsed parsed = Parsed.parse(berlin, file);
    assertThat(parsed.rows).isEmpty();
    assertThat(parsed.rejects).containsExactly("2: the quote of its last cell is never closed");
  }

  @Test
  void aTimeWithoutOffsetIsReadInTheConfiguredZone() throws IOException {
    List<String> lines = List.of(HEADER, "r1,T,payment,1,0,USD,2026-07-01 00:30:00,,,");
    assertThat(parse(berlin, lines).rows.get(0).occurredAt())
        .isEqualTo(Instant.parse("2026-06-30T22:30:00Z"));
    CsvParser kiritimati = new CsvParser(DEFAULTS, Set.of(), ZoneId.of("Pacific/Kiritimati"));
    assertThat(parse(kiritimati, lines).rows.get(0).occurredAt())
        .isEqualTo(Instant.parse("2026-06-30T10:30:00Z"));
  }

  @Test
  void aHeaderOnlyFileHasNoRowsAndAnEmptyFileIsRefused() throws IOException {
    Parsed parsed = parse(berlin, List.of(HEADER));
    assertThat(parsed.rows).isEmpty();
    assertThat(parsed.rejects).isEmpty();
    assertThatThrownBy(() -> parse(berlin, List.of("")))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("the file is empty");
  }

  @Test
  void hostileCellsAreImportedOrRejectedNeverThrown() {
    ExportFuzz.cells(berlin, FILE, 3000);
  }

  /** The same, in a file of semicolons and decimal commas read with those settings. */
  @Test
  void hostileCellsOfASemicolonFileAreImportedOrRejectedNeverThrown() {
    ExportFuzz.cells(
        configured(
            Map.of(
                "RECONCILER_IMPORT_CSV_DELIMITER", ";",
                "RECONCILER_IMPORT_CSV_DECIMAL_SEPARATOR", ",")),
        SEMICOLONS,
        3000,
        new ExportCsv.Separator(';', null));
  }

  @Test
  void hostileHeaderNamesRefuseTheFileOrAreIgnored() {
    ExportFuzz.header(berlin, FILE, 500);
  }

  @Test
  void theParserStreams() {
    ExportFuzz.streams(
        berlin, HEADER, i -> "r" + i + ",T" + i + ",payment,1.00,0.10,USD,2026-11-28T10:00:00Z,,,");
  }

  /**
   * A signed file whose refund or chargeback is positive, or whose payment is negative, would count
   * money the wrong way in every rule: each such row is rejected, naming the setting for files that
   * write every amount positive. Fees and payouts may go either way (a fee credit, a payout
   * returned).
   */
  @Test
  void aSignedFileWithARefundWrittenPositiveIsRejectedRowByRow() throws IOException {
    Parsed parsed =
        parse(
            berlin,
            List.of(
                HEADER,
                "r1,TXN-1,payment,-100.00,2.90,USD,2026-11-28T10:15:30Z,P1,ch_1,",
                "r2,TXN-1,refund,20.00,,USD,2026-11-28T12:00:00Z,P1,re_1,ch_1",
                "r3,TXN-2,chargeback,50.00,15.00,EUR,2026-11-28T12:00:00Z,P1,du_1,ch_2",
                "r4,TXN-2,chargeback_reversal,-50.00,,EUR,2026-11-28T13:00:00Z,P1,du_1,ch_2",
                "r5,,fee,1.50,0,USD,2026-11-28T14:00:00Z,P1,,",
                "r6,,payout,75.60,0,USD,2026-11-29T00:00:00Z,P2,po_2,",
                "r7,TXN-3,refund,0.00,,USD,2026-11-28T12:00:00Z,P1,re_3,ch_3",
                // A fixed fee above a small payment: its net goes out, and that is no error.
                "r8,TXN-4,payment,0.20,0.30,USD,2026-11-28T12:00:00Z,P1,ch_4,"));
    assertThat(parsed.rejects)
        .containsExactly(
            "2: a payment moves money in, so its gross -100.00 should be positive (amounts are"
                + " signed from the account's side; set [import.csv] amounts = unsigned for a file"
                + " that writes every amount positive)",
            "3: a refund moves money out, so its gross 20.00 should be negative (amounts are signed"
                + " from the account's side; set [import.csv] amounts = unsigned for a file that"
                + " writes every amount positive)",
            "4: a chargeback moves money out, so its gross 50.00 should be negative (amounts are"
                + " signed from the account's side; set [import.csv] amounts = unsigned for a file"
                + " that writes every amount positive)",
            "5: a chargeback_reversal moves money in, so its gross -50.00 should be positive"
                + " (amounts are signed from the account's side; set [import.csv] amounts ="
                + " unsigned for a file that writes every amount positive)");
    assertThat(parsed.rows)
        .extracting(ProcessorRow::rowKey)
        .containsExactly("r5", "r6", "r7", "r8");
    assertThat(parsed.rows.get(3).net()).isEqualByComparingTo("-0.10");
  }

  /**
   * With amounts = unsigned the row type signs gross and net (the fee stays a cost): the same rows
   * as the signed file's, and a negative amount is rejected.
   */
  @Test
  void anUnsignedFileIsSignedByRowType() throws IOException {
    CsvMapping unsigned =
        new CsvMapping(
            DEFAULTS.rowKeyColumn(),
            DEFAULTS.transactionIdColumn(),
            DEFAULTS.typeColumn(),
            DEFAULTS.grossColumn(),
            DEFAULTS.feeColumn(),
            "net",
            DEFAULTS.currencyColumn(),
            DEFAULTS.timestampColumn(),
            DEFAULTS.payoutIdColumn(),
            DEFAULTS.accountColumn(),
            DEFAULTS.referenceColumn(),
            DEFAULTS.originalReferenceColumn(),
            withOther(DEFAULTS.typeValues(), "adjustment"),
            CsvMapping.Amounts.UNSIGNED,
            DEFAULTS.decimals(),
            DEFAULTS.delimiter(),
            DEFAULTS.timestampFormat(),
            DEFAULTS.timestampLocale(),
            DEFAULTS.encoding());
    CsvParser parser =
        new CsvParser(unsigned, Set.of("USD", "EUR", "JPY"), ZoneId.of("Europe/Berlin"));
    Parsed parsed =
        parse(
            parser,
            List.of(
                HEADER + ",net",
                "r1,TXN-1,Payment,100.00,2.90,usd,2026-11-28T10:15:30Z,P1,ch_1,,97.10",
                "r2,TXN-1,REFUND,20,,USD,2026-11-28 12:00:00,P1,re_1,ch_1,20.00",
                "r3,TXN-2,dispute,50.00,15.00,EUR,2026-11-28T12:00:00+01:00,P1,du_1,ch_2,65.00",
                "r4,TXN-2,chargeback_reversal,50.00,-15.00,EUR,2026-11-28T13:00:00+01:00,P1,du_1,ch_2,65",
                "r5,,fee,1.5,0,USD,2026-11-28T14:00:00Z,P1,,,1.50",
                "r6,,payout,75.60,0,USD,2026-11-29T00:00:00Z,P1,po_1,,75.60",
                "r8,,adjustment,-3.00,0,USD,2026-11-29T00:00:00Z,P1,,,-3.00",
                "r9,TXN-9,refund,-5.00,,USD,2026-11-28T12:00:00Z,P1,re_9,ch_9,5.00",
                "r10,TXN-10,payment,0.20,0.30,USD,2026-11-28T12:00:00Z,P1,ch_10,,-0.10"));
    assertThat(parsed.rejects)
        .containsExactly("9: negative gross -5.00 where [import.csv] amounts = unsigned");
    assertThat(parsed.rows.stream().map(CsvParserTest::summary).limit(6).toList())
        .isEqualTo(parse(berlin, FILE).rows.stream().map(CsvParserTest::summary).limit(6).toList());
    // An "other" row says nothing of its direction: its amount is kept as written.
    assertThat(summary(parsed.rows.get(6)))
        .startsWith("r8|other|adjustment|null|-3.00|0.00|-3.00|");
    // A payment's net below zero (a fixed fee above it) is kept as written.
    assertThat(summary(parsed.rows.get(7)))
        .startsWith("r10|payment|payment|TXN-10|0.20|0.30|-0.10|");
  }

  private static Map<String, RowType> withOther(Map<String, RowType> types, String other) {
    Map<String, RowType> all = new java.util.HashMap<>(types);
    all.put(other, RowType.OTHER);
    return all;
  }
}
