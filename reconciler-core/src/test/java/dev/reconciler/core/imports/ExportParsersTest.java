package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportParsersTest {
  @TempDir Path dir;

  private Instant createdAt(Map<String, String> env, ImportFormat format, List<String> lines)
      throws IOException {
    Settings settings = SettingsLoader.load(null, env);
    Parsed out =
        Parsed.parse(
            ExportParsers.forFormat(format, settings),
            Parsed.write(dir, format.id() + ".csv", lines, false, false));
    assertThat(out.rejects).isEmpty();
    return out.rows.get(0).occurredAt();
  }

  @Test
  void eachFormatsParserReadsTimesInTheZoneItsSettingNames() throws IOException {
    // The business day is New York's; each file's times are in a zone of its own settings.
    List<String> csv =
        List.of(
            "id,type,amount,currency,created_at,transaction_id",
            "r1,payment,1.00,USD,2026-11-28 22:30:00,T1");
    Map<String, String> newYork = Map.of("RECONCILER_RECONCILIATION_TIMEZONE", "America/New_York");
    assertThat(createdAt(newYork, ImportFormat.CSV, csv))
        .isEqualTo(Instant.parse("2026-11-29T03:30:00Z"));
    assertThat(
            createdAt(
                Map.of(
                    "RECONCILER_RECONCILIATION_TIMEZONE",
                    "America/New_York",
                    "RECONCILER_IMPORT_CSV_TIMEZONE",
                    "UTC"),
                ImportFormat.CSV,
                csv))
        .isEqualTo(Instant.parse("2026-11-28T22:30:00Z"));

    List<String> stripe =
        List.of(
            "balance_transaction_id,created,currency,gross,fee,net,reporting_category,source_id,"
                + "payment_metadata[transaction_id]",
            "txn_1,2026-11-28 22:30:00,usd,1.00,0.00,1.00,charge,ch_1,T1");
    assertThat(createdAt(newYork, ImportFormat.STRIPE, stripe))
        .isEqualTo(Instant.parse("2026-11-28T22:30:00Z"));
    assertThat(
            createdAt(
                Map.of("RECONCILER_IMPORT_STRIPE_TIMEZONE", "America/New_York"),
                ImportFormat.STRIPE,
                stripe))
        .isEqualTo(Instant.parse("2026-11-29T03:30:00Z"));
  }
}
