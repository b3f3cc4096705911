package dev.reconciler.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.ExportReader.Row;
import dev.reconciler.core.generate.GenerationSpec.Rates;
import dev.reconciler.core.generate.GroundTruth.Finding;
import dev.reconciler.core.imports.DocumentedColumns;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.RowType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ExportFileTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final BigDecimal FEE_TOLERANCE = new BigDecimal("0.01");

  /** Raised rates, so a few thousand transactions hold every case many times. */
  private static final Rates BUSY =
      new Rates(0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.1, 0.03);

  private static final ExportSpec.Rates BUSY_EXPORT =
      new ExportSpec.Rates(0.02, 0.02, 0.02, 0.04, 0.02, 0.02, 0.02, 0.02, true);

  private static final List<String> MATCHER_KINDS =
      List.of(
          "missing_in_processor",
          "missing_in_sales",
          "amount_mismatch",
          "failed_payment",
          "currency_mismatch",
          "duplicate_id");

  @TempDir Path dir;

  @Test
  void stripeHeaderIsTheItemizedReportsSnakeCaseColumns() throws Exception {
    generate(ImportFormat.STRIPE, 200, 1, "UTC");

    List<String> header = ExportReader.header(file());
    assertThat(header)
        .startsWith(
            "automatic_payout_id",
            "automatic_payout_effective_at",
            "balance_transaction_id",
            "created_utc",
            "created",
            "available_on_utc",
            "available_on",
            "currency",
            "gross",
            "fee",
            "net",
            "reporting_category",
            "source_id")
        .contains("charge_id", "payment_intent_id", "customer_facing_amount")
        .endsWith("payment_metadata[transaction_id]");
  }

  @Test
  void adyenHeaderIsTheThirtySettlementDetailColumns() throws Exception {
    generate(ImportFormat.ADYEN, 200, 1, "UTC");

    assertThat(ExportReader.header(file()))
        .hasSize(30)
        .containsExactlyElementsOf(DocumentedColumns.ADYEN)
        .contains("Merchant Reference", "Psp Reference", "Type", "Batch Number");
  }

  @Test
  void paypalFileIsFramedAsAnStlReport() throws Exception {
    generate(ImportFormat.PAYPAL, 2_000, 3, "America/Los_Angeles");
    byte[] bytes = Files.readAllBytes(file());
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    List<String> lines = List.of(text.substring(1).split("\r\n"));

    assertThat(text).startsWith("\uFEFF\"RH\",");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    assertThat(lines.get(0)).matches("\"RH\",2026/11/24 23:59:59 -0800,\"A\",\"[A-Z0-9]+\",009,");
    assertThat(lines.get(1)).isEqualTo("\"FH\",01");
    assertThat(lines.get(2))
        .matches("\"SH\",2026/11/24 00:00:00 -0800,2026/11/24 23:59:59 -0800,\"[A-Z0-9]+\",\"\"");
    assertThat(lines.get(3))
        .startsWith("\"CH\",\"Transaction ID\",\"Invoice ID\",\"PayPal Reference ID\"")
        .endsWith("\"Credit Transactional Fee\",\"Credit Promotional Fee\",\"Credit Term\"");
    String date = "2026/11/24 \\d\\d:\\d\\d:\\d\\d -0800";
    String quoted = "\"[^\"]*\"";
    assertThat(lines.get(4))
        .matches(
            String.join(
                ",",
                "\"SB\"",
                "\"[0-9A-Z]{17}\"",
                quoted,
                quoted,
                quoted,
                "\"T\\d{4}\"",
                date,
                date,
                "\"(CR|DR)\"",
                "\\d+",
                "\"[A-Z]{3}\"",
                "\"(CR|DR)\"",
                "\\d+",
                "\"[A-Z]{3}\"",
                "\"\"",
                "\"\"",
                "\"\"",
                "\"\"",
                quoted,
                "",
                "",
                "\"\""));
    List<String> kinds = lines.stream().map(l -> l.substring(1, 3)).toList();
    assertThat(
            String.join(" ", kinds)
                .replaceAll("(SB )+", "SB* ")
                .replaceAll("(SF )+", "SF+ ")
                .replaceAll("(RF )+", "RF+ "))
        .isEqualTo("RH FH SH CH SB* SF+ SC SH CH SB* SF+ SC RF+ RC FF");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("\"FF\"," + lines.size());
  }

  @Test
  void paypalFootersAddUpTheirSections() throws Exception {
    generate(ImportFormat.PAYPAL, 2_000, 3, "UTC");
    String text = Files.readString(file()).substring(1);
    long sectionRows = 0;
    long reportRows = 0;
    Map<String, long[]> section = new HashMap<>();
    Map<String, long[]> report = new HashMap<>();
    int footers = 0;
    for (String line : text.split("\r\n")) {
      String[] f = line.replace("\"", "").split(",", -1);
      switch (f[0]) {
        case "SB" -> {
          sectionRows++;
          reportRows++;
          for (Map<String, long[]> totals : List.of(section, report)) {
            long[] t = totals.computeIfAbsent(f[10], k -> new long[5]);
            t[f[8].equals("CR") ? 0 : 1] += Long.parseLong(f[9]);
            t[f[11].equals("CR") ? 2 : 3] += Long.parseLong(f[12]);
            t[4]++;
          }
        }
        case "SF", "RF" -> {
          long[] t = (f[0].equals("SF") ? section : report).get(f[1]);
          assertThat(new long[] {p(f[2]), p(f[3]), p(f[4]), p(f[5]), p(f[18])})
              .as(line)
              .isEqualTo(t);
          long net = t[0] - t[1] + t[2] - t[3];
          assertThat((f[8].equals("CR") ? 1 : -1) * p(f[9]))
              .as("ending balance " + line)
              .isEqualTo(net);
          footers++;
        }
        case "SC" -> {
          assertThat(p(f[1])).isEqualTo(sectionRows);
          sectionRows = 0;
          section.clear();
        }
        case "RC" -> assertThat(p(f[1])).isEqualTo(reportRows);
        default -> {}
      }
    }
    assertThat(footers).isGreaterThan(5);
  }

  private static long p(String s) {
    return Long.parseLong(s);
  }

  @ParameterizedTest
  @CsvSource({
    "STRIPE, UTC, 2026-11-24",
    "ADYEN, UTC, 2026-11-24",
    "PAYPAL, UTC, 2026-11-24",
    "STRIPE, America/New_York, 2026-11-01",
    "ADYEN, Europe/Berlin, 2026-10-25",
    "ADYEN, Europe/London, 2026-03-29",
    "PAYPAL, America/Los_Angeles, 2026-03-08",
    "PAYPAL, Asia/Kolkata, 2026-11-24"
  })
  void truthIsWhatAReadingOfTheFileFinds(ImportFormat format, String zone, LocalDate date)
      throws Exception {
    GenerationSpec spec = spec(format, 3_000, 7, zone, date, BUSY, BUSY_EXPORT);
    GroundTruth truth = new DataGenerator(Progress.NONE).generate(spec, db(), file(), truth());
    List<Row> rows = ExportReader.read(format, file(), spec.zone());
    ExportTruth export = truth.export();

    everyRowFallsOnTheBusinessDay(rows, spec);
    assertThat(InputRows.read(db(), InputRows.PROCESSOR)).isEmpty();
    assertThat(export.importCounts()).isEqualTo(counts(rows));
    assertThat(truth.processorRows()).isEqualTo(rows.size());
    matcherKindsAreWhatTheReferenceFinds(truth, rows);
    Map<String, ReferenceReconciler.Row> sales =
        new ReferenceReconciler(spec.amountTolerance()).sales(db());
    assertThat(export.sheetIds().get("refund")).isEqualTo(refundIds(rows, sales));
    assertThat(export.sheetIds().get("chargeback")).isEqualTo(chargebackIds(rows));
    assertThat(export.chargebacks()).isEqualTo(chargebacks(rows));
    assertThat(export.sheetIds().get("fee")).isEqualTo(feeIds(rows, export.rateCard()));
    assertThat(export.payouts()).containsExactlyInAnyOrderElementsOf(payouts(format, rows, export));
    assertThat(export.sheetIds().get("payout"))
        .isEqualTo(
            export.payouts().stream()
                .filter(p -> !p.status().equals("ok"))
                .map(ExportTruth.Payout::payoutId)
                .sorted()
                .toList());
    for (String kind : MATCHER_KINDS) {
      assertThat(export.sheetIds().get(kind))
          .isEqualTo(
              truth.discrepancies().stream()
                  .filter(f -> f.kind().equals(kind))
                  .map(Finding::transactionId)
                  .distinct()
                  .sorted()
                  .toList());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ImportFormat.class,
      names = {"STRIPE", "ADYEN", "PAYPAL"})
  void busyRatesInjectEveryCase(ImportFormat format) throws Exception {
    GroundTruth truth = generate(format, 3_000, 11, "UTC");
    ExportTruth export = truth.export();
    Map<String, ReferenceReconciler.Row> sales =
        new ReferenceReconciler(new BigDecimal("0.01")).sales(db());
    List<Row> rows = ExportReader.read(format, file(), ZoneId.of("UTC"));

    for (String kind :
        List.of(
            "missing_in_processor",
            "missing_in_sales",
            "amount_mismatch",
            "currency_mismatch",
            "duplicate_id",
            "refund",
            "chargeback",
            "fee",
            "payout")) {
      assertThat(export.sheetIds().get(kind)).as(kind).isNotEmpty();
    }
    assertThat(export.sheetIds().get("failed_payment")).isEmpty();
    assertThat(export.droppedKinds()).containsExactly("failed_payment");
    assertThat(export.payouts())
        .extracting(ExportTruth.Payout::status)
        .contains("ok", "mismatch", "not_in_file");
    for (String type :
        List.of("payment", "refund", "chargeback", "chargeback_reversal", "payout")) {
      assertThat(export.importCounts().get(type)).as(type).isPositive();
    }
    assertThat(export.importCounts().get("fee") > 0).isEqualTo(format == ImportFormat.ADYEN);
    // Refunds a sale refunded internally explains, in full and in part: present and not reported.
    Map<String, BigDecimal> refunded = refundTotals(rows);
    List<String> clean =
        refunded.keySet().stream()
            .filter(id -> sales.containsKey(id) && sales.get(id).status().equals("refunded"))
            .filter(id -> !export.sheetIds().get("refund").contains(id))
            .toList();
    assertThat(clean).isNotEmpty();
    assertThat(clean)
        .anyMatch(id -> refunded.get(id).compareTo(sales.get(id).amount()) == 0)
        .anyMatch(id -> refunded.get(id).compareTo(sales.get(id).amount()) < 0);
    // Refunds not recorded, of unknown sales and beyond the sale: each case present.
    List<String> refundIds = export.sheetIds().get("refund");
    assertThat(refundIds).anyMatch(id -> !sales.containsKey(id));
    assertThat(refundIds)
        .anyMatch(id -> sales.containsKey(id) && sales.get(id).status().equals("paid"));
    assertThat(refundIds)
        .anyMatch(
            id ->
                sales.containsKey(id)
                    && sales.get(id).status().equals("refunded")
                    && refunded.get(id).compareTo(sales.get(id).amount()) > 0);
    // Fee anomalies of both kinds where the format can carry them (PayPal has no net column).
    Set<String> netOff = netMismatches(rows);
    assertThat(!netOff.isEmpty()).isEqualTo(format != ImportFormat.PAYPAL);
    assertThat(export.sheetIds().get("fee")).anyMatch(id -> !netOff.contains(id));
    // Won chargebacks carry a reversal, others not.
    Set<String> reversed =
        rows.stream()
            .filter(r -> r.type() == RowType.CHARGEBACK_REVERSAL)
            .map(Row::transactionId)
            .collect(Collectors.toSet());
    assertThat(export.sheetIds().get("chargeback"))
        .anyMatch(reversed::contains)
        .anyMatch(id -> !reversed.contains(id));
    // Only Adyen's report says a reversed dispute was charged back again: some are lost there.
    assertThat(export.chargebacks().stream().map(ExportTruth.Chargeback::status))
        .contains("won", "open")
        .matches(statuses -> statuses.contains("lost") == (format == ImportFormat.ADYEN));
  }

  @ParameterizedTest
  @EnumSource(
      value = ImportFormat.class,
      names = {"STRIPE", "ADYEN", "PAYPAL"})
  void sameSeedGivesTheSameFileAndTruthAnotherSeedNot(ImportFormat format) throws Exception {
    GenerationSpec spec = spec(format, 1_500, 42, "UTC", DAY, BUSY, BUSY_EXPORT);
    GroundTruth first = new DataGenerator(Progress.NONE).generate(spec, db(), file(), truth());
    byte[] firstFile = Files.readAllBytes(file());
    Path otherDb = dir.resolve("b").resolve("a.db");
    Path other = dir.resolve("b").resolve("export.csv");
    Path otherTruth = dir.resolve("b").resolve("a.truth.json");
    GroundTruth second =
        new DataGenerator(Progress.NONE).generate(spec, otherDb, other, otherTruth);

    assertThat(Files.readAllBytes(other)).isEqualTo(firstFile);
    assertThat(second).isEqualTo(first);
    assertThat(GroundTruth.read(truth())).isEqualTo(first);

    GenerationSpec reseeded = spec(format, 1_500, 43, "UTC", DAY, BUSY, BUSY_EXPORT);
    new DataGenerator(Progress.NONE)
        .generate(reseeded, otherDb, other, dir.resolve("b.truth.json"));
    assertThat(Files.readAllBytes(other)).isNotEqualTo(firstFile);
  }

  @ParameterizedTest
  @EnumSource(
      value = ImportFormat.class,
      names = {"STRIPE", "ADYEN", "PAYPAL"})
  void cleanRatesGiveAFileWithNothingToReport(ImportFormat format) throws Exception {
    GenerationSpec spec =
        spec(format, 2_000, 5, "UTC", DAY, Rates.clean(), ExportSpec.Rates.clean());
    GroundTruth truth = new DataGenerator(Progress.NONE).generate(spec, db(), file(), truth());

    assertThat(truth.discrepancies()).isEmpty();
    assertThat(truth.export().sheetIds().values()).allSatisfy(ids -> assertThat(ids).isEmpty());
    assertThat(truth.export().payouts()).extracting(ExportTruth.Payout::status).containsOnly("ok");
    assertThat(truth.matched()).isEqualTo(2_000);
    assertThat(truth.export().importCounts().get("payment")).isEqualTo(2_000);
    assertThat(truth.export().importCounts().get("refund")).isPositive();
  }

  @ParameterizedTest
  @EnumSource(
      value = ImportFormat.class,
      names = {"STRIPE", "ADYEN", "PAYPAL"})
  void zeroTransactionsGiveAFileWithNoRows(ImportFormat format) throws Exception {
    GroundTruth truth = generate(format, 0, 1, "UTC");

    assertThat(ExportReader.read(format, file(), ZoneId.of("UTC"))).isEmpty();
    assertThat(truth.processorRows()).isZero();
    assertThat(truth.export().payouts()).isEmpty();
    assertThat(truth.export().importCounts().values()).containsOnly(0L);
  }

  @Test
  void rejectsExportRatesThatWithTheOthersAddUpToMoreThanEverything() {
    GenerationSpec base =
        new GenerationSpec(DAY, 10, 1, ZoneId.of("UTC"), new BigDecimal("0.01"), BUSY);
    ExportSpec.Rates half = new ExportSpec.Rates(0.5, 0.4, 0, 0, 0, 0, 0, 0, false);

    assertThatThrownBy(
            () -> base.withExport(new ExportSpec(ImportFormat.STRIPE, FeeCard.defaults(), half)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to at most 1");
  }

  @Test
  void aRateCardMustPriceEveryGeneratedCurrency() {
    assertThatThrownBy(
            () ->
                FeeCard.of(
                    List.of(
                        new FeeCard.Rate("USD", new BigDecimal("2.9"), new BigDecimal("0.30")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rate for EUR");
    assertThat(FeeCard.defaults().spelling())
        .isEqualTo("USD:2.9%+0.30, EUR:2.9%+0.25, GBP:2.9%+0.20, CAD:2.9%+0.30, JPY:2.9%+40");
    assertThat(FeeCard.defaults().fee(CurrencyMix.USD, 10_000)).isEqualTo(320);
    assertThat(FeeCard.defaults().fee(CurrencyMix.USD, 50)).isEqualTo(31);
    assertThat(FeeCard.defaults().fee(CurrencyMix.JPY, 1_000)).isEqualTo(69);
  }

  @Test
  void aDatabaseWithoutExportKeepsItsTruthFormat() throws Exception {
    GenerationSpec spec =
        new GenerationSpec(DAY, 500, 1, ZoneId.of("UTC"), new BigDecimal("0.01"), BUSY);
    GroundTruth truth = new DataGenerator(Progress.NONE).generate(spec, db(), truth());

    assertThat(truth.export()).isNull();
    assertThat(Files.readString(truth())).doesNotContain("export", "refund");
    assertThat(GroundTruth.read(truth())).isEqualTo(truth);
  }

  // --- recomputations from the file, independent of the plans ---

  private static void everyRowFallsOnTheBusinessDay(List<Row> rows, GenerationSpec spec) {
    for (Row r : rows) {
      assertThat(r.at().atZone(spec.zone()).toLocalDate())
          .as("%s", r)
          .isEqualTo(spec.businessDate());
    }
  }

  private static Map<String, Long> counts(List<Row> rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (RowType t : RowType.values()) {
      counts.put(t.id(), rows.stream().filter(r -> r.type() == t).count());
    }
    return counts;
  }

  /** The payment rows as the import stores them, reconciled by the reference reading. */
  private void matcherKindsAreWhatTheReferenceFinds(GroundTruth truth, List<Row> rows)
      throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO processor_transactions VALUES (?, ?, ?, ?, ?, 'settled', ?)")) {
      c.setAutoCommit(false);
      for (Row r : rows) {
        if (r.type() == RowType.PAYMENT) {
          insert.setString(1, r.ownId());
          insert.setString(2, r.transactionId());
          insert.setString(3, r.gross().toPlainString());
          insert.setString(4, r.currency());
          insert.setString(5, r.fee().toPlainString());
          insert.setString(6, r.at().toString());
          insert.executeUpdate();
        }
      }
      c.commit();
    }
    ReferenceReconciler.Outcome outcome =
        new ReferenceReconciler(new BigDecimal("0.01")).reconcile(db());
    List<Finding> expected =
        truth.discrepancies().stream().filter(f -> MATCHER_KINDS.contains(f.kind())).toList();
    assertThat(outcome.findings()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(outcome.findings()).isEqualTo(expected);
    assertThat(outcome.matched()).isEqualTo(truth.matched());
    assertThat(outcome.unsettled()).isEqualTo(truth.unsettledSales());
    assertThat(outcome.conflicting()).isEqualTo(truth.conflictingDuplicates());
    assertThat(outcome.exact()).isEqualTo(truth.exactDuplicates());
    assertThat(outcome.rejected()).isEqualTo(truth.rejected());
  }

  private static Map<String, BigDecimal> refundTotals(List<Row> rows) {
    Map<String, BigDecimal> totals = new TreeMap<>();
    rows.stream()
        .filter(r -> r.type() == RowType.REFUND)
        .forEach(r -> totals.merge(r.transactionId(), r.gross().negate(), BigDecimal::add));
    return totals;
  }

  /** Refunds of a sale still paid, of no sale, or beyond the sale's amount. */
  private static List<String> refundIds(
      List<Row> rows, Map<String, ReferenceReconciler.Row> sales) {
    List<String> ids = new ArrayList<>();
    refundTotals(rows)
        .forEach(
            (id, total) -> {
              ReferenceReconciler.Row sale = sales.get(id);
              if (sale == null
                  || sale.status().equals("paid")
                  || total.compareTo(sale.amount()) > 0) {
                ids.add(id);
              }
            });
    return ids;
  }

  private static List<String> chargebackIds(List<Row> rows) {
    return rows.stream()
        .filter(r -> r.type() == RowType.CHARGEBACK || r.type() == RowType.CHARGEBACK_REVERSAL)
        .map(Row::transactionId)
        .collect(Collectors.toCollection(TreeSet::new))
        .stream()
        .toList();
  }

  /**
   * Per disputed transaction: the first chargeback row's amount, whether a reversal follows, the
   * status (lost after a SecondChargeback) and the dispute rows' fees and nets together.
   */
  private static List<ExportTruth.Chargeback> chargebacks(List<Row> rows) {
    Map<String, List<Row>> disputes = new TreeMap<>();
    for (Row r : rows) {
      if (r.type() == RowType.CHARGEBACK || r.type() == RowType.CHARGEBACK_REVERSAL) {
        disputes.computeIfAbsent(r.transactionId(), k -> new ArrayList<>()).add(r);
      }
    }
    List<ExportTruth.Chargeback> result = new ArrayList<>();
    disputes.forEach(
        (id, list) -> {
          Row first = list.get(0);
          boolean reversed = list.stream().anyMatch(r -> r.type() == RowType.CHARGEBACK_REVERSAL);
          boolean second = list.stream().anyMatch(r -> r.rawType().equals("SecondChargeback"));
          String currency = first.currency();
          result.add(
              new ExportTruth.Chargeback(
                  id,
                  currency,
                  two(first.gross().negate(), currency),
                  reversed,
                  second ? "lost" : reversed ? "won" : "open",
                  two(sum(list, Row::fee), currency),
                  two(sum(list, Row::net), currency)));
        });
    return result;
  }

  private static BigDecimal sum(List<Row> rows, java.util.function.Function<Row, BigDecimal> f) {
    return rows.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Set<String> netMismatches(List<Row> rows) {
    return rows.stream()
        .filter(r -> r.type() == RowType.PAYMENT)
        .filter(r -> r.gross().subtract(r.fee()).compareTo(r.net()) != 0)
        .map(Row::transactionId)
        .collect(Collectors.toSet());
  }

  /** Payment rows whose net is not gross - fee, or whose fee is off the card beyond 0.01. */
  private static List<String> feeIds(List<Row> rows, String rateCard) {
    Map<String, BigDecimal[]> card = new HashMap<>();
    for (String entry : rateCard.split(",\\s*")) {
      String[] parts = entry.split("[:%+]+");
      card.put(parts[0], new BigDecimal[] {new BigDecimal(parts[1]), new BigDecimal(parts[2])});
    }
    TreeSet<String> ids = new TreeSet<>(netMismatches(rows));
    for (Row r : rows) {
      if (r.type() == RowType.PAYMENT) {
        BigDecimal[] rate = card.get(r.currency());
        int decimals = r.currency().equals("JPY") ? 0 : 2;
        BigDecimal expected =
            r.gross()
                .multiply(rate[0])
                .movePointLeft(2)
                .setScale(decimals, RoundingMode.HALF_UP)
                .add(rate[1]);
        if (r.fee().subtract(expected).abs().compareTo(FEE_TOLERANCE) > 0) {
          ids.add(r.transactionId());
        }
      }
    }
    return List.copyOf(ids);
  }

  /** Each payout's rows summed, against its payout row's amount, or "not in file" without one. */
  private static List<ExportTruth.Payout> payouts(
      ImportFormat format, List<Row> rows, ExportTruth export) {
    Map<String, BigDecimal> expected = new LinkedHashMap<>();
    Map<String, Long> members = new HashMap<>();
    Map<String, Row> payoutRows = new HashMap<>();
    Map<String, Row> any = new HashMap<>();
    for (Row r : rows) {
      any.putIfAbsent(r.payoutKey(), r);
      if (r.type() == RowType.PAYOUT) {
        payoutRows.put(r.payoutKey(), r);
      } else {
        expected.merge(r.payoutKey(), r.net(), BigDecimal::add);
        members.merge(r.payoutKey(), 1L, Long::sum);
      }
    }
    List<ExportTruth.Payout> result = new ArrayList<>();
    expected.forEach(
        (key, sum) -> {
          Row payout = payoutRows.get(key);
          Row member = any.get(key);
          BigDecimal reported = payout == null ? null : payout.net().negate();
          String status =
              payout == null ? "not_in_file" : reported.compareTo(sum) == 0 ? "ok" : "mismatch";
          String id =
              payout == null
                  ? key
                  : format == ImportFormat.STRIPE
                      ? payout.ownId()
                      : format == ImportFormat.ADYEN ? key : payout.ownId();
          result.add(
              new ExportTruth.Payout(
                  id,
                  member.account(),
                  member.currency(),
                  members.get(key),
                  two(sum, member.currency()),
                  reported == null ? null : two(reported, member.currency()),
                  status));
        });
    assertThat(payoutRows.keySet()).isSubsetOf(expected.keySet());
    return result;
  }

  private static String two(BigDecimal amount, String currency) {
    return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  // --- helpers ---

  /**
   * Two days generated as a daily bench does (the next date with the next seed) and imported into
   * one table must share no payout and no row key: the payout ids were seed + offset + i, so seed
   * 2's were seed 1's shifted by one, and Adyen's batch numbers did not depend on the day. The
   * second day's payouts then took in the first day's rows.
   */
  @ParameterizedTest
  @EnumSource(
      value = ImportFormat.class,
      names = {"STRIPE", "ADYEN", "PAYPAL"})
  void consecutiveDaysWithConsecutiveSeedsShareNoPayoutAndNoRow(ImportFormat format)
      throws Exception {
    List<Row> first = day(format, DAY, 1);
    List<Row> second = day(format, DAY.plusDays(1), 2);

    Set<String> firstPayouts = payoutKeys(first);
    assertThat(firstPayouts).hasSizeGreaterThan(1);
    assertThat(payoutKeys(second)).hasSizeGreaterThan(1).doesNotContainAnyElementsOf(firstPayouts);
    assertThat(ownIds(second)).doesNotContainAnyElementsOf(ownIds(first));
  }

  private List<Row> day(ImportFormat format, LocalDate date, long seed) throws Exception {
    Path file = dir.resolve(date + ".csv");
    new DataGenerator(Progress.NONE)
        .generate(
            spec(format, 500, seed, "UTC", date, BUSY, BUSY_EXPORT),
            dir.resolve(date + ".db"),
            file,
            dir.resolve(date + ".truth.json"));
    return ExportReader.read(format, file, ZoneId.of("UTC"));
  }

  /** The processor's own ids of the rows that have one. */
  private static Set<String> ownIds(List<Row> rows) {
    return rows.stream()
        .map(Row::ownId)
        .filter(k -> k != null)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> payoutKeys(List<Row> rows) {
    return rows.stream()
        .map(Row::payoutKey)
        .filter(k -> k != null)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private GroundTruth generate(ImportFormat format, int n, long seed, String zone)
      throws Exception {
    return new DataGenerator(Progress.NONE)
        .generate(spec(format, n, seed, zone, DAY, BUSY, BUSY_EXPORT), db(), file(), truth());
  }

  private static GenerationSpec spec(
      ImportFormat format,
      int n,
      long seed,
      String zone,
      LocalDate date,
      Rates rates,
      ExportSpec.Rates exportRates) {
    return new GenerationSpec(date, n, seed, ZoneId.of(zone), new BigDecimal("0.01"), rates)
        .withExport(new ExportSpec(format, FeeCard.defaults(), exportRates));
  }

  private Path db() {
    return dir.resolve("a.db");
  }

  private Path file() {
    return dir.resolve("export.csv");
  }

  private Path truth() {
    return dir.resolve("a.truth.json");
  }
}
