package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.Status;
import dev.reconciler.core.imports.CsvMapping;
import dev.reconciler.core.imports.DecimalMark;
import dev.reconciler.core.imports.ExportCsv;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorRow;
import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImportSettingsTest {
  @TempDir Path dir;

  private Path ini(String text) throws IOException {
    Path file = dir.resolve("config.ini");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void defaultsNameEachFormatsTransactionIdColumn() {
    Settings.Imports imports = SettingsLoader.defaults().imports();
    assertThat(imports.transactionIdColumn(ImportFormat.STRIPE))
        .isEqualTo("payment_metadata[transaction_id]");
    assertThat(imports.transactionIdColumn(ImportFormat.ADYEN)).isEqualTo("Merchant Reference");
    assertThat(imports.transactionIdColumn(ImportFormat.PAYPAL)).isEqualTo("Invoice ID");
    assertThat(imports.transactionIdColumn(ImportFormat.CSV)).isEqualTo("transaction_id");
  }

  @Test
  void theStatusEveryImportedRowCarriesIsAPaidStatus() {
    assertThat(SettingsLoader.defaults().reconciliation().statuses())
        .containsEntry(ProcessorRow.SETTLED, Status.PAID);
  }

  @Test
  void defaultCsvMappingReadsASimpleFile() {
    CsvMapping csv = SettingsLoader.defaults().imports().csv();
    assertThat(csv.rowKeyColumn()).isEqualTo("id");
    assertThat(csv.grossColumn()).isEqualTo("amount");
    assertThat(csv.timestampColumn()).isEqualTo("created_at");
    assertThat(csv.typeValues())
        .containsEntry("payment", RowType.PAYMENT)
        .containsEntry("charge", RowType.PAYMENT)
        .containsEntry("dispute", RowType.CHARGEBACK)
        .containsEntry("dispute_reversal", RowType.CHARGEBACK_REVERSAL)
        .containsEntry("payout", RowType.PAYOUT)
        .doesNotContainKey("");
  }

  @Test
  void dottedSectionsAreOverriddenFromTheEnvironmentWithUnderscores() {
    Settings s =
        SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_IMPORT_STRIPE_TRANSACTION_ID_COLUMN", " payment_metadata[order] ",
                "RECONCILER_IMPORT_CSV_ROW_KEY_COLUMN", "Row Key",
                "RECONCILER_IMPORT_CSV_TYPE_REFUND", "Refund, RETURN"));
    assertThat(s.imports().transactionIdColumn(ImportFormat.STRIPE))
        .isEqualTo("payment_metadata[order]");
    assertThat(s.imports().csv().rowKeyColumn()).isEqualTo("Row Key");
    assertThat(s.imports().csv().typeValues())
        .containsEntry("refund", RowType.REFUND)
        .containsEntry("return", RowType.REFUND);
  }

  @Test
  void csvAmountsAreSignedByDefaultAndABadValueNamesItsKey() {
    assertThat(SettingsLoader.defaults().imports().csv().amounts())
        .isEqualTo(CsvMapping.Amounts.SIGNED);
    assertThat(
            SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_CSV_AMOUNTS", "Unsigned"))
                .imports()
                .csv()
                .amounts())
        .isEqualTo(CsvMapping.Amounts.UNSIGNED);
    assertThatThrownBy(
            () -> SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_CSV_AMOUNTS", "positive")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[import.csv] amounts")
        .hasMessageContaining("one of signed, unsigned");
  }

  @Test
  void anUnknownKeyOfADottedSectionIsNamedWithItsSection() {
    assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_CSV_NOPE", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "environment variable RECONCILER_IMPORT_CSV_NOPE: unknown key [import.csv] nope");
  }

  @Test
  void noTwoKeysShareAnEnvironmentName() {
    RawConfig defaults = RawConfig.parse(read("config.ini"), "built-in");
    Map<String, String> seen = new HashMap<>();
    defaults
        .sections()
        .forEach(
            (section, keys) ->
                keys.keySet()
                    .forEach(
                        key -> {
                          String env =
                              ("RECONCILER_" + SettingsLoader.envName(section) + "_" + key)
                                  .toUpperCase(Locale.ROOT);
                          assertThat(seen.put(env, section + " " + key)).as(env).isNull();
                        }));
    assertThat(seen).containsKey("RECONCILER_IMPORT_CSV_TYPE_CHARGEBACK_REVERSAL");
  }

  @Test
  void aTypeValueListedForTwoTypesIsRefusedNamingFileSectionAndKey() throws IOException {
    Path file = ini("[import.csv]\ntype_refund = refund, Dispute\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[import.csv] type_")
        .hasMessageContaining("listed for one type only");
  }

  @Test
  void aRequiredColumnMayNotBeEmptyButAnOptionalOneMay() throws IOException {
    Path file = ini("[import.csv]\ngross_column =\nfee_column =\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("[import.csv] gross_column = '' is invalid: expected a value");
    Settings s =
        SettingsLoader.load(
            ini("[import.adyen]\ntransaction_id_column = Ref\n[import.csv]\nfee_column =\n"),
            Map.of());
    assertThat(s.imports().csv().feeColumn()).isEmpty();
    assertThat(s.imports().transactionIdColumn(ImportFormat.ADYEN)).isEqualTo("Ref");
  }

  @Test
  void theAdyenAccountsZoneIsTheReconciliationsUnlessItsOwnKeyIsSet() throws IOException {
    assertThat(SettingsLoader.defaults().imports().adyenTimezone())
        .isEqualTo(SettingsLoader.defaults().reconciliation().timezone());
    Settings chicago =
        SettingsLoader.load(ini("[reconciliation]\ntimezone = America/Chicago\n"), Map.of());
    assertThat(chicago.imports().adyenTimezone()).isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(chicago.imports().adyenTimezoneSet()).isFalse();
    assertThat(chicago.imports().csvTimezone()).isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(
            SettingsLoader.load(
                    ini(
                        "[reconciliation]\ntimezone = America/Chicago\n[import.csv]\ntimezone = UTC\n"),
                    Map.of())
                .imports()
                .csvTimezone())
        .isEqualTo(ZoneId.of("UTC"));
    Settings own =
        SettingsLoader.load(
            ini(
                "[reconciliation]\ntimezone = America/Chicago\n[import.adyen]\ntimezone = Asia/Kolkata\n"),
            Map.of());
    assertThat(own.imports().adyenTimezone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(own.imports().adyenTimezoneSet()).isTrue();
    assertThat(own.reconciliation().timezone()).isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(
            SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_ADYEN_TIMEZONE", "Asia/Manila"))
                .imports()
                .adyenTimezone())
        .isEqualTo(ZoneId.of("Asia/Manila"));
  }

  @Test
  void aStripeReportIsInUtcUnlessItsZoneIsSet() throws IOException {
    assertThat(SettingsLoader.defaults().imports().stripeTimezone()).isEqualTo(ZoneId.of("UTC"));
    Settings chicago =
        SettingsLoader.load(ini("[reconciliation]\ntimezone = America/Chicago\n"), Map.of());
    assertThat(chicago.imports().stripeTimezone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(
            SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_STRIPE_TIMEZONE", "Europe/Paris"))
                .imports()
                .stripeTimezone())
        .isEqualTo(ZoneId.of("Europe/Paris"));
    Path file = ini("[import.stripe]\ntimezone =\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[import.stripe] timezone = '' is invalid");
  }

  @Test
  void separatorsAndTheCsvTimePatternHaveDefaultsAndAreSetInTheFile() throws IOException {
    Settings.Imports shipped = SettingsLoader.defaults().imports();
    assertThat(shipped.stripeDecimals())
        .isEqualTo(new DecimalMark('.', "[import.stripe] decimal_separator"));
    assertThat(shipped.csv().decimals())
        .isEqualTo(
            new DecimalMark(
                '.',
                DecimalMark.NO_GROUPING,
                "[import.csv] decimal_separator",
                "[import.csv] thousands_separator"));
    assertThat(shipped.csv().delimiter())
        .isEqualTo(new ExportCsv.Separator(',', "[import.csv] delimiter"));
    assertThat(shipped.csv().timestampFormat()).isEmpty();
    assertThat(shipped.csv().encoding()).isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
            SettingsLoader.load(
                    ini("[import.csv]\ntimestamp_format = dd/MM/yyyy HH:mm\n"), Map.of())
                .imports()
                .csv()
                .timestampFormat())
        .isEqualTo("dd/MM/yyyy HH:mm");
    Settings.Imports set =
        SettingsLoader.load(
                ini(
                    "[import.stripe]\ndecimal_separator = ,\n"
                        + "[import.csv]\ndecimal_separator = ,\ndelimiter = ;\n"),
                Map.of())
            .imports();
    assertThat(set.stripeDecimals().separator()).isEqualTo(',');
    assertThat(set.csv().decimals().separator()).isEqualTo(',');
    assertThat(set.csv().delimiter().character()).isEqualTo(';');
    assertThat(set.csv().decimals().grouping()).isEqualTo(DecimalMark.NO_GROUPING);
    assertThat(
            SettingsLoader.load(
                    null,
                    Map.of(
                        "RECONCILER_IMPORT_CSV_DECIMAL_SEPARATOR", ",",
                        "RECONCILER_IMPORT_CSV_THOUSANDS_SEPARATOR", "space"))
                .imports()
                .csv()
                .decimals())
        .isEqualTo(
            new DecimalMark(
                ',', ' ', "[import.csv] decimal_separator", "[import.csv] thousands_separator"));
    for (String word : List.of("tab", "|", ",")) {
      char expected = word.equals("tab") ? '\t' : word.charAt(0);
      assertThat(
              SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_CSV_DELIMITER", word))
                  .imports()
                  .csv()
                  .delimiter()
                  .character())
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '"',
      value = {
        "import.stripe#decimal_separator#;#'.' or ','",
        "import.csv#decimal_separator#.,#'.' or ','",
        "import.csv#delimiter#:#one of , ; | or the word tab",
        "import.csv#delimiter#TAB#one of , ; | or the word tab",
        "import.csv#delimiter#;;#one of , ; | or the word tab",
        "import.csv#thousands_separator#.#and not the decimal_separator ('.')",
        "import.csv#thousands_separator#x#empty, or one of . , ' or the word space",
        "import.csv#encoding#klingon#a character set Java knows",
        "import.csv#encoding#UTF 8#a character set Java knows",
        "import.csv#timestamp_format#HH:mm#a java.time pattern with year, month and day",
        "import.csv#timestamp_format#dd.MM.yyyy {#a java.time pattern with year, month and day"
      })
  void aBadSeparatorIsRefusedNamingTheKeyAndTheFile(
      String section, String key, String value, String expected) throws IOException {
    Path file = ini("[" + section + "]\n" + key + " = " + value + "\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[" + section + "] " + key + " = '" + value + "' is invalid")
        .hasMessageContaining(expected);
  }

  @Test
  void anAdyenZoneThatIsNoZoneIsRefusedNamingTheKeyAndTheFile() throws IOException {
    Path file = ini("[import.adyen]\ntimezone = IST\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[import.adyen] timezone = 'IST' is invalid")
        .hasMessageContaining("a time zone id");
  }

  @Test
  void theCsvTimeLocaleIsEnglishUnlessSetAndChecksTheFormatInItsLanguage() throws IOException {
    assertThat(SettingsLoader.defaults().imports().csv().timestampLocale()).isEqualTo(Locale.ROOT);
    Settings german =
        SettingsLoader.load(
            ini("[import.csv]\ntimestamp_format = dd. MMM yyyy\ntimestamp_locale = de-DE\n"),
            Map.of());
    assertThat(german.imports().csv().timestampLocale()).isEqualTo(Locale.GERMANY);
    assertThat(
            SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_CSV_TIMESTAMP_LOCALE", "fr"))
                .imports()
                .csv()
                .timestampLocale())
        .isEqualTo(Locale.FRENCH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"de_DE", "xx", "klingon", "de-", "1234"})
  void aCsvTimeLocaleJavaHasNoNamesForIsRefusedNamingTheKeyAndTheFile(String value)
      throws IOException {
    Path file = ini("[import.csv]\ntimestamp_locale = " + value + "\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[import.csv] timestamp_locale = '" + value + "' is invalid")
        .hasMessageContaining("a language tag such as de");
  }

  @Test
  void adyenAccountZonesAreNoneByDefaultAndReadFromTheFileOrTheEnvironment() throws IOException {
    assertThat(SettingsLoader.defaults().imports().adyenAccountTimezones()).isEmpty();
    Settings two =
        SettingsLoader.load(
            ini(
                "[import.adyen]\naccount_timezones = ShopUS:America/Chicago ,"
                    + " Shop CN : Asia/Shanghai, ShopIN:UTC+05:30\n"),
            Map.of());
    assertThat(two.imports().adyenAccountTimezones())
        .containsOnly(
            Map.entry("ShopUS", ZoneId.of("America/Chicago")),
            Map.entry("Shop CN", ZoneId.of("Asia/Shanghai")),
            Map.entry("ShopIN", ZoneId.of("UTC+05:30")));
    assertThat(
            SettingsLoader.load(
                    null,
                    Map.of("RECONCILER_IMPORT_ADYEN_ACCOUNT_TIMEZONES", "ShopCN:Asia/Shanghai"))
                .imports()
                .adyenAccountTimezones())
        .containsOnly(Map.entry("ShopCN", ZoneId.of("Asia/Shanghai")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ShopCN|'ShopCN' is invalid: expected merchant account:time zone id pairs",
        ":Asia/Shanghai|':Asia/Shanghai' is invalid: expected merchant account:time zone id",
        "ShopCN:CST|'ShopCN:CST' is invalid: expected merchant account:time zone id",
        "ShopCN:|'ShopCN:' is invalid",
        "ShopCN:UTC, ShopCN:Asia/Shanghai|'ShopCN' is invalid: expected each merchant account once"
      })
  void aBadAdyenAccountZoneIsRefusedNamingTheKeyAndTheFile(String value, String message)
      throws IOException {
    Path file = ini("[import.adyen]\naccount_timezones = " + value + "\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[import.adyen] account_timezones = " + message);
  }

  @Test
  void oneColumnMappedToTwoAmountsIsRefusedNamingBothKeys() throws IOException {
    // Net read from the gross's column made every payment with a fee a fee finding, fee read from
    // it made every net zero: the import ran clean and every row was wrong.
    Path file = ini("[import.csv]\ngross_column = Amount\nnet_column = Amount \n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[import.csv] net_column = 'Amount' is invalid")
        .hasMessageContaining("gross_column");
    assertThatThrownBy(
            () -> SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_CSV_FEE_COLUMN", "amount")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[import.csv] fee_column = 'amount' is invalid")
        .hasMessageContaining("gross_column");
  }

  @Test
  void theRowKeyColumnMayNotBeTheTransactionIdColumn() throws IOException {
    // A refund carries its payment's transaction id: keyed by it, it was skipped as "already
    // present" and the Refunds sheet never saw it.
    Path file = ini("[import.csv]\nrow_key_column = transaction_id\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[import.csv] row_key_column = 'transaction_id' is invalid")
        .hasMessageContaining("transaction_id_column");
  }

  @Test
  void theRowKeyColumnMayAlsoBeTheReferenceColumn() throws IOException {
    // A processor with one id per row names it for both: that is no mistake.
    Settings s =
        SettingsLoader.load(
            ini("[import.csv]\nrow_key_column = id\nreference_column = id\n"), Map.of());
    assertThat(s.imports().csv().referenceColumn()).isEqualTo(s.imports().csv().rowKeyColumn());
  }

  @Test
  void anUnknownImportSectionIsRefused() throws IOException {
    Path file = ini("[import.square]\ntransaction_id_column = x\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown section [import.square]");
  }

  private static String read(String resource) {
    try (var in = SettingsLoader.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
