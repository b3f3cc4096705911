package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.ExportSpec;
import dev.reconciler.core.generate.ExportTruth;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ImportSummary;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.store.EmbeddedPg;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generates a processor export with every kind injected, imports it, reconciles it with the truth's
 * rate card and demands the ground truth exactly: every sheet's ids, the import's counts, each
 * chargeback's status and each payout's amounts; on SQLite and on PostgreSQL, where the import and
 * the settlement rules write and read the database of [database] url.
 */
class ExportGroundTruthIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @TempDir Path dir;

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  static Stream<Arguments> cases() {
    return Backend.eachOnBoth(
        arguments(ImportFormat.STRIPE, 1L, 4000, "UTC", LocalDate.of(2026, 11, 24)),
        arguments(ImportFormat.STRIPE, 2L, 3000, "America/New_York", LocalDate.of(2026, 11, 1)),
        arguments(ImportFormat.ADYEN, 1L, 4000, "Europe/Berlin", LocalDate.of(2026, 10, 25)),
        arguments(ImportFormat.ADYEN, 3L, 3000, "UTC", LocalDate.of(2026, 11, 24)),
        arguments(ImportFormat.ADYEN, 4L, 2000, "Europe/London", LocalDate.of(2026, 3, 29)),
        // Zones whose abbreviation (CST, IST) names more than one zone: read by the account's zone.
        arguments(ImportFormat.ADYEN, 5L, 2500, "America/Chicago", LocalDate.of(2026, 1, 15)),
        arguments(ImportFormat.ADYEN, 6L, 2500, "Asia/Kolkata", LocalDate.of(2026, 11, 24)),
        arguments(ImportFormat.PAYPAL, 1L, 4000, "America/Los_Angeles", LocalDate.of(2026, 3, 8)),
        arguments(ImportFormat.PAYPAL, 2L, 3000, "UTC", LocalDate.of(2026, 11, 24)));
  }

  @ParameterizedTest(name = "{0}: {1}, seed {2}, {3} transactions, zone {4}, {5}")
  @MethodSource("cases")
  void everySheetListsExactlyTheTruthsIds(
      Backend backend, ImportFormat format, long seed, int transactions, String zone, LocalDate day)
      throws Exception {
    Run run = generateImportReconcile(backend, format, day, seed, transactions, zone, false);

    ExportTruthAssert.assertReportMatches(run.truth, run.outcome.report());
    assertThat(run.truth.export().sheetIds().values())
        .anySatisfy(ids -> assertThat(ids).isNotEmpty());
    // Only Adyen's report can say a dispute was lost (SecondChargeback).
    assertThat(run.truth.export().chargebacks())
        .extracting(ExportTruth.Chargeback::status)
        .contains("won", "open")
        .matches(statuses -> statuses.contains("lost") == (format == ImportFormat.ADYEN));
    for (String kind : new String[] {"refund", "chargeback", "fee", "payout"}) {
      assertThat(run.truth.export().sheetIds().get(kind)).as(kind).isNotEmpty();
    }
    assertThat(plain(run.outcome.result().amounts().get(DiscrepancyKind.CHARGEBACK)))
        .as("chargebacks' amount at stake per currency")
        .isEqualTo(plain(atStake(run.truth)));
    assertThat(run.outcome.result().matched()).isEqualTo(run.truth.matched());
    assertThat(run.outcome.result().processor().rowsRead())
        .isEqualTo(run.truth.export().importCounts().get(RowType.PAYMENT.id()));
  }

  /**
   * The generic format's mapping of Stripe's report, as a user would write it for a processor we
   * had no importer for (times in created_utc, so read in a UTC [reconciliation] timezone).
   */
  private static final Map<String, String> STRIPE_AS_CSV =
      Map.ofEntries(
          Map.entry("RECONCILER_IMPORT_CSV_ROW_KEY_COLUMN", "balance_transaction_id"),
          Map.entry("RECONCILER_IMPORT_CSV_TYPE_COLUMN", "reporting_category"),
          Map.entry("RECONCILER_IMPORT_CSV_GROSS_COLUMN", "gross"),
          Map.entry("RECONCILER_IMPORT_CSV_FEE_COLUMN", "fee"),
          Map.entry("RECONCILER_IMPORT_CSV_NET_COLUMN", "net"),
          Map.entry("RECONCILER_IMPORT_CSV_CURRENCY_COLUMN", "currency"),
          Map.entry("RECONCILER_IMPORT_CSV_TIMESTAMP_COLUMN", "created_utc"),
          Map.entry(
              "RECONCILER_IMPORT_CSV_TRANSACTION_ID_COLUMN", "payment_metadata[transaction_id]"),
          Map.entry("RECONCILER_IMPORT_CSV_PAYOUT_ID_COLUMN", "automatic_payout_id"),
          Map.entry("RECONCILER_IMPORT_CSV_ACCOUNT_COLUMN", "connected_account_id"),
          Map.entry("RECONCILER_IMPORT_CSV_REFERENCE_COLUMN", "source_id"),
          Map.entry("RECONCILER_IMPORT_CSV_ORIGINAL_REFERENCE_COLUMN", "charge_id"));

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("backendsAndVariants")
  void aStripeExportReadThroughTheGenericMappingMeetsTheSameTruth(Backend backend, String variant)
      throws Exception {
    // The generic format's mapping tried on a file whose truth is known: types, amounts, fees and
    // payout ids must give the sheets the Stripe importer gives; unsigned, the same file with
    // every gross and net written positive, the row type saying which way the money went;
    // German, the file as a spreadsheet set to German saves it (windows-1252, semicolons,
    // 1.234,56, 24.11.2026 10:15:30).
    // (Stripe's refunds and disputes carry their payment's transaction id, so the original
    // reference is not needed here; its own tests are the importer's.)
    Map<String, String> env = new TreeMap<>(STRIPE_AS_CSV);
    FileEdit edit = file -> {};
    switch (variant) {
      case "unsigned" -> {
        env.put("RECONCILER_IMPORT_CSV_AMOUNTS", "unsigned");
        edit = ExportGroundTruthIT::unsign;
      }
      case "German spreadsheet" -> {
        env.put("RECONCILER_IMPORT_CSV_DELIMITER", ";");
        env.put("RECONCILER_IMPORT_CSV_DECIMAL_SEPARATOR", ",");
        env.put("RECONCILER_IMPORT_CSV_THOUSANDS_SEPARATOR", ".");
        env.put("RECONCILER_IMPORT_CSV_ENCODING", "windows-1252");
        env.put("RECONCILER_IMPORT_CSV_TIMESTAMP_FORMAT", "dd.MM.yyyy HH:mm:ss");
        edit = ExportGroundTruthIT::asGermanSpreadsheet;
      }
      default -> assertThat(variant).isEqualTo("signed");
    }
    Run run =
        generateImportReconcile(
            backend,
            ImportFormat.STRIPE,
            new ImportAs(ImportFormat.CSV, env, edit),
            DAY,
            11,
            3000,
            "UTC",
            false);

    ExportTruthAssert.assertReportMatches(run.truth, run.outcome.report());
    for (String kind : new String[] {"refund", "chargeback", "fee", "payout"}) {
      assertThat(run.truth.export().sheetIds().get(kind)).as(kind).isNotEmpty();
    }
    assertThat(run.outcome.result().matched()).isEqualTo(run.truth.matched());
  }

  static Stream<Arguments> backendsAndVariants() {
    return Backend.eachOnBoth(
        arguments("signed"), arguments("unsigned"), arguments("German spreadsheet"));
  }

  /**
   * A Stripe report run with decimal_separator ",", imported with [import.stripe] decimal_separator
   * = , (SQLite only: the parser is the same for both stores, which the generic cases cover).
   */
  @Test
  void aStripeReportOfDecimalCommasMeetsTheSameTruth() throws Exception {
    Run run =
        generateImportReconcile(
            Backend.SQLITE,
            ImportFormat.STRIPE,
            new ImportAs(
                ImportFormat.STRIPE,
                Map.of("RECONCILER_IMPORT_STRIPE_DECIMAL_SEPARATOR", ","),
                file -> withDecimalCommas(file, ',')),
            DAY,
            12,
            3000,
            "UTC",
            false);

    ExportTruthAssert.assertReportMatches(run.truth, run.outcome.report());
    assertThat(run.outcome.result().matched()).isEqualTo(run.truth.matched());
  }

  /** Rewrites a Stripe export with its gross and net cells unsigned (their minus sign dropped). */
  private static void unsign(Path file) throws IOException {
    UnaryOperator<String> unsigned = cell -> cell.startsWith("-") ? cell.substring(1) : cell;
    int negative = rewrite(file, ',', Map.of("gross", unsigned, "net", unsigned));
    assertThat(negative).as("negative amounts unsigned").isPositive();
  }

  /** Rewrites a Stripe export as a report run with decimal_separator "," writes it. */
  private static void withDecimalCommas(Path file, char delimiter) throws IOException {
    int changed = rewrite(file, delimiter, DECIMAL_COMMAS);
    assertThat(changed).as("amounts given decimal commas").isPositive();
  }

  private static final UnaryOperator<String> DECIMAL_COMMA = cell -> cell.replace('.', ',');

  private static final Map<String, UnaryOperator<String>> DECIMAL_COMMAS =
      Map.of("gross", DECIMAL_COMMA, "fee", DECIMAL_COMMA, "net", DECIMAL_COMMA);

  /**
   * Rewrites a Stripe export as a spreadsheet set to German saves it: semicolons, amounts as
   * 1.234,56, created_utc as 24.11.2026 10:15:30.
   */
  private static void asGermanSpreadsheet(Path file) throws IOException {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    DateTimeFormatter german = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    int[] grouped = {0};
    UnaryOperator<String> amount =
        cell -> {
          String g = germanAmount(cell);
          grouped[0] += g.indexOf('.') >= 0 ? 1 : 0;
          return g;
        };
    Map<String, UnaryOperator<String>> edits =
        new TreeMap<>(Map.of("gross", amount, "fee", amount, "net", amount));
    edits.put("created_utc", cell -> german.format(iso.parse(cell)));
    assertThat(rewrite(file, ';', edits, WINDOWS_1252)).as("cells rewritten").isPositive();
    assertThat(grouped[0]).as("amounts of a thousand or more, grouped").isPositive();
  }

  /** -1234.5 as -1.234,5: thousands grouped by points, a decimal comma. */
  private static String germanAmount(String plain) {
    int start = plain.startsWith("-") ? 1 : 0;
    int point = plain.indexOf('.');
    String whole = plain.substring(start, point < 0 ? plain.length() : point);
    StringBuilder out = new StringBuilder(plain.substring(0, start));
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        out.append('.');
      }
      out.append(whole.charAt(i));
    }
    return point < 0
        ? out.toString()
        : out.append(',').append(plain.substring(point + 1)).toString();
  }

  /**
   * Rewrites {@code file} with each of {@code edits} applied to the cells of its column, separated
   * by {@code delimiter} (the writer quotes what needs it); the cells it changed.
   */
  private static int rewrite(Path file, char delimiter, Map<String, UnaryOperator<String>> edits)
      throws IOException {
    return rewrite(file, delimiter, edits, StandardCharsets.UTF_8);
  }

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** {@link #rewrite(Path, char, Map)}, the file written in {@code charset}. */
  private static int rewrite(
      Path file, char delimiter, Map<String, UnaryOperator<String>> edits, Charset charset)
      throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
      csv.forEach(r -> rows.add(new ArrayList<>(r.getFields())));
    }
    List<String> header = rows.get(0);
    Map<Integer, UnaryOperator<String>> byIndex = new TreeMap<>();
    edits.forEach(
        (column, edit) -> {
          assertThat(header).as("columns of " + file).contains(column);
          byIndex.put(header.indexOf(column), edit);
        });
    int changed = 0;
    for (List<String> row : rows.subList(1, rows.size())) {
      for (Map.Entry<Integer, UnaryOperator<String>> e : byIndex.entrySet()) {
        String before = row.get(e.getKey());
        String after = e.getValue().apply(before);
        if (!after.equals(before)) {
          row.set(e.getKey(), after);
          changed++;
        }
      }
    }
    try (CsvWriter out = CsvWriter.builder().fieldSeparator(delimiter).build(file, charset)) {
      rows.forEach(out::writeRecord);
    }
    return changed;
  }

  /**
   * How the export is imported: its format, settings, what is done to the file first and how many
   * rows that makes the import reject.
   */
  private record ImportAs(
      ImportFormat format, Map<String, String> env, FileEdit edit, long rejected) {
    ImportAs(ImportFormat format, Map<String, String> env, FileEdit edit) {
      this(format, env, edit, 0);
    }
  }

  /** A change to the export file before it is imported. */
  private interface FileEdit {
    void apply(Path file) throws IOException;
  }

  /** Zones a sweep picks from: DST nights, half- and quarter-hour offsets, ±12 h and beyond. */
  private static final String[] SWEPT_ZONES = {
    "UTC", "America/Chicago", "America/New_York", "America/Los_Angeles", "America/St_Johns",
    "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Europe/Dublin", "Asia/Kolkata",
    "Asia/Kathmandu", "Asia/Shanghai", "Asia/Tokyo", "Australia/Lord_Howe", "Pacific/Chatham",
    "Pacific/Kiritimati", "Pacific/Pago_Pago"
  };

  /**
   * A seed sweep for hunting defects, off unless asked for: {@code -Dtruth.sweep=FIRST-LAST} (e.g.
   * {@code ./mvnw -B verify -pl reconciler-core -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
   * -Dit.test='ExportGroundTruthIT#seedSweep' -Dtruth.sweep=100-140}) generates, imports and
   * reconciles each format on SQLite for every seed in the range, in a zone, on a day and with a
   * size the seed picks, and demands only that every sheet is exactly the truth (a small day need
   * not have every kind). The Adyen zones that rejected whole files were found this way.
   */
  @TestFactory
  Stream<DynamicTest> seedSweep() {
    String range = System.getProperty("truth.sweep");
    if (range == null || range.isBlank()) {
      return Stream.empty();
    }
    String[] ends = range.split("-", 2);
    long first = Long.parseLong(ends[0].trim());
    long last = ends.length == 2 ? Long.parseLong(ends[1].trim()) : first;
    Path root = dir;
    return java.util.stream.LongStream.rangeClosed(first, last)
        .boxed()
        .flatMap(
            seed ->
                Stream.of(ImportFormat.STRIPE, ImportFormat.ADYEN, ImportFormat.PAYPAL)
                    .map(
                        format -> {
                          String zone = SWEPT_ZONES[(int) Math.floorMod(seed, SWEPT_ZONES.length)];
                          LocalDate day =
                              LocalDate.of(2026, 1, 1).plusDays(Math.floorMod(seed * 37, 365));
                          int transactions = 300 + (int) Math.floorMod(seed * 7919, 6000);
                          return DynamicTest.dynamicTest(
                              format.id()
                                  + " seed "
                                  + seed
                                  + ", "
                                  + transactions
                                  + " in "
                                  + zone
                                  + ", "
                                  + day,
                              () -> {
                                dir =
                                    Files.createDirectories(root.resolve(format.id() + "-" + seed));
                                Run run =
                                    generateImportReconcile(
                                        Backend.SQLITE,
                                        format,
                                        day,
                                        seed,
                                        transactions,
                                        zone,
                                        false);
                                ExportTruthAssert.assertReportMatches(
                                    run.truth, run.outcome.report());
                                assertThat(run.outcome.result().matched())
                                    .isEqualTo(run.truth.matched());
                              });
                        }));
  }

  static Stream<Arguments> formats() {
    return Backend.eachOnBoth(
        arguments(ImportFormat.STRIPE),
        arguments(ImportFormat.ADYEN),
        arguments(ImportFormat.PAYPAL));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("formats")
  void aCleanExportReportsNothing(Backend backend, ImportFormat format) throws Exception {
    Run run = generateImportReconcile(backend, format, DAY, 7, 2000, "Europe/Berlin", true);

    WorkbookRows workbook = new WorkbookRows(run.outcome.report());
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(workbook.rows(kind.label())).as(kind.label()).isEmpty();
    }
    assertThat(workbook.rows("Rejected Rows")).isEmpty();
    assertThat(run.truth.export().sheetIds().values()).allSatisfy(ids -> assertThat(ids).isEmpty());
    assertThat(run.outcome.result().matched()).isEqualTo(run.truth.matched());
  }

  /**
   * A payment row the import rejects (an unknown currency) is listed on the day's Rejected Rows
   * with its file, line and reason, beside the "missing in processor" its sale becomes, and counted
   * on the Summary and in the run's counts; once the mended file is imported again, the day's next
   * run lists neither.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(Backend.class)
  void aRowTheImportRejectedIsOnTheDaysReportUntilItsFileIsMended(Backend backend)
      throws Exception {
    Path mended = dir.resolve("mended.csv");
    String[] damaged = new String[2];
    Run run =
        generateImportReconcile(
            backend,
            ImportFormat.STRIPE,
            new ImportAs(
                ImportFormat.STRIPE,
                Map.of(),
                file -> {
                  Files.copy(file, mended);
                  damaged[0] = String.valueOf(unknownCurrencyOnTheFirstCharge(file, damaged));
                },
                1),
            DAY,
            7,
            2000,
            "UTC",
            true);

    WorkbookRows workbook = new WorkbookRows(run.outcome.report());
    assertThat(workbook.rows("Rejected Rows"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("Source")).isEqualTo("Processor");
              assertThat(row.get("File")).isEqualTo(run.file.getFileName().toString());
              assertThat(row.get("Line")).isEqualTo(damaged[0]);
              assertThat(row.get("Reason")).isEqualTo("unknown currency 'qqq'");
              // Our transaction id from the file: the accountant finds the missing sale by it.
              assertThat(row.get("Raw ID")).isEqualTo(damaged[1]);
            });
    assertThat(workbook.ids(DiscrepancyKind.MISSING_IN_PROCESSOR.label())).contains(damaged[1]);
    assertThat(workbook.summary())
        .containsEntry("Rejected rows", "1")
        .containsEntry("of which in processor files", "1");
    assertThat(run.outcome.counts())
        .containsEntry(dev.reconciler.core.runs.RunCounts.REJECTED, 1L)
        .containsEntry(dev.reconciler.core.runs.RunCounts.REJECTED_IN_FILES, 1L);

    Files.copy(mended, run.file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ImportSummary again =
        new ProcessorImporter(run.settings).importFile(ImportFormat.STRIPE, run.file, run.db);
    assertThat(again.addedTotal()).isOne();
    assertThat(again.rejectedTotal()).isZero();
    RunOutcome rerun =
        new ReconcileService(run.settings, Clock.systemUTC(), Progress.NONE)
            .run(new ReconcileRequest(DAY, "run-mended", run.db, dir.resolve("reports")));
    WorkbookRows after = new WorkbookRows(rerun.report());
    assertThat(after.rows("Rejected Rows")).isEmpty();
    assertThat(after.ids(DiscrepancyKind.MISSING_IN_PROCESSOR.label())).doesNotContain(damaged[1]);
  }

  /**
   * Writes an unlisted currency into the Stripe export's first charge row; puts its transaction id
   * into {@code ids[1]} and returns its line.
   */
  private static long unknownCurrencyOnTheFirstCharge(Path file, String[] ids) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    List<String> header;
    try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(lines.get(0))) {
      header = csv.iterator().next().getFields();
    }
    for (int i = 1; i < lines.size(); i++) {
      List<String> fields;
      try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(lines.get(i))) {
        fields = new ArrayList<>(csv.iterator().next().getFields());
      }
      if (fields.get(header.indexOf("reporting_category")).equals("charge")) {
        fields.set(header.indexOf("currency"), "qqq");
        ids[1] = fields.get(header.indexOf("payment_metadata[transaction_id]"));
        java.io.StringWriter text = new java.io.StringWriter();
        try (CsvWriter out =
            CsvWriter.builder()
                .lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF)
                .build(text)) {
          out.writeRecord(fields);
        }
        lines.set(i, text.toString().stripTrailing());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return i + 1;
      }
    }
    throw new AssertionError("no charge row in " + file);
  }

  /** What the disputes cost so far, per currency: minus each one's net, or zero. */
  private static Map<String, BigDecimal> atStake(GroundTruth truth) {
    Map<String, BigDecimal> amounts = new TreeMap<>();
    for (ExportTruth.Chargeback c : truth.export().chargebacks()) {
      amounts.merge(
          c.currency(), new BigDecimal(c.net()).negate().max(BigDecimal.ZERO), BigDecimal::add);
    }
    return amounts;
  }

  /** Amounts compared by value: a yen total is 22504 in the result, 22504.00 in the truth. */
  private static Map<String, String> plain(Map<String, BigDecimal> amounts) {
    Map<String, String> plain = new TreeMap<>();
    amounts.forEach((c, a) -> plain.put(c, a.stripTrailingZeros().toPlainString()));
    return plain;
  }

  private record Run(
      GroundTruth truth, RunOutcome outcome, Settings settings, Path db, Path file) {}

  /** As the CLI does it: generate, import with the format's parser, reconcile with the card. */
  private Run generateImportReconcile(
      Backend backend,
      ImportFormat format,
      LocalDate day,
      long seed,
      int transactions,
      String zone,
      boolean clean)
      throws Exception {
    return generateImportReconcile(
        backend,
        format,
        new ImportAs(format, Map.of(), file -> {}),
        day,
        seed,
        transactions,
        zone,
        clean);
  }

  /**
   * {@link #generateImportReconcile(Backend, ImportFormat, LocalDate, long, int, String, boolean)}
   * with the export of {@code format} imported {@code as} says.
   */
  private Run generateImportReconcile(
      Backend backend,
      ImportFormat format,
      ImportAs as,
      LocalDate day,
      long seed,
      int transactions,
      String zone,
      boolean clean)
      throws Exception {
    Backend.Store store = backend.fresh(pg, dir, "in");
    Path db = store.input();
    Path file = dir.resolve(format.id() + "-export.csv");
    Settings defaults =
        SameDaySettings.load(store.env(Map.of("RECONCILER_RECONCILIATION_TIMEZONE", zone)));
    ExportSpec export =
        new ExportSpec(
            format,
            dev.reconciler.core.generate.FeeCard.defaults(),
            clean ? ExportSpec.Rates.clean() : ExportSpec.Rates.defaults());
    GroundTruth truth =
        DataGenerator.writingTo(defaults.database(), Progress.NONE)
            .generate(
                new GenerationSpec(
                    day,
                    transactions,
                    seed,
                    ZoneId.of(zone),
                    defaults.reconciliation().amountTolerance(),
                    clean ? GenerationSpec.Rates.clean() : GenerationSpec.Rates.defaults(),
                    export),
                db,
                file,
                dir.resolve("in.truth.json"));
    as.edit().apply(file);
    Map<String, String> env = new TreeMap<>(as.env());
    env.put("RECONCILER_RECONCILIATION_TIMEZONE", zone);
    env.put("RECONCILER_FEES_RATE_CARD", truth.export().rateCard());
    Settings settings = SameDaySettings.load(store.env(env));

    ImportSummary imported = new ProcessorImporter(settings).importFile(as.format(), file, db);
    assertThat(imported.rejectedTotal()).isEqualTo(as.rejected());
    assertThat(imported.alreadyPresentTotal()).isZero();
    Map<String, Long> added = new TreeMap<>();
    imported
        .added()
        .forEach(
            (type, n) -> {
              if (n > 0) {
                added.put(type.id(), n);
              }
            });
    Map<String, Long> expected = new TreeMap<>();
    truth
        .export()
        .importCounts()
        .forEach(
            (type, n) -> {
              if (n > 0) {
                expected.put(type, n);
              }
            });
    if (as.rejected() == 0) {
      assertThat(added).isEqualTo(expected);
    }
    assertThat(imported.addedTotal()).isEqualTo(truth.processorRows() - as.rejected());

    RunOutcome outcome =
        new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
            .run(
                new ReconcileRequest(
                    day, "run-" + format.id() + "-" + seed, db, dir.resolve("reports")));
    assertThat(store.storedRun(settings, "run-" + format.id() + "-" + seed).status())
        .isEqualTo("SUCCESS");
    return new Run(truth, outcome, settings, db, file);
  }
}
