package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.store.EmbeddedPg;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parts of a generated day, as workers store them for the merge: bytes that decode to the equal
 * part (every finding, row, count and exact amount), kept per (run, shard) in the run store's
 * SQLite file or PostgreSQL database, replaced when stored again, missing ones named, deleted with
 * the run's.
 */
class DayPartsIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final int SHARDS = 3;

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private Settings settings;
  private Path db;
  private ReconcileService service;
  private DayParts store;

  private void day(Backend backend) throws Exception {
    Backend.Store input = backend.fresh(pg, dir, "in");
    settings = SettingsLoader.load(null, input.env(Map.of()));
    db = input.input();
    DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(
            new GenerationSpec(
                DAY,
                1500,
                7,
                settings.reconciliation().timezone(),
                settings.reconciliation().amountTolerance(),
                GenerationSpec.Rates.defaults()),
            db,
            dir.resolve("truth.json"));
    service = new ReconcileService(settings, Clock.systemUTC(), Progress.NONE);
    store = DayParts.open(settings, db, Clock.systemUTC());
  }

  private DayPart part(int index) {
    return service.part(
        new ReconcileRequest(DAY, "run-" + DAY + "-t", db, dir.resolve("reports")),
        new Shard(index, SHARDS));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRealPartDecodesToAnEqualPart(Backend backend) throws Exception {
    day(backend);
    DayPart whole = part(0);
    assertThat(whole.sameDay()).isNotEmpty();
    assertThat(whole.rejected()).isNotEmpty();
    assertThat(whole.salesTotals()).isNotEmpty();

    DayPart back = DayPartCodec.decode(DayPartCodec.encode(whole));

    assertThat(back).isEqualTo(whole);
    // equals of BigDecimal compares scale too: 10.50 stays 10.50, not 10.5
    assertThat(back.salesTotals()).isEqualTo(whole.salesTotals());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void amountsKeepTheirExactDecimalText(Backend backend) throws Exception {
    day(backend);
    DayPart part = part(1);
    Map<String, BigDecimal> odd =
        Map.of("EUR", new BigDecimal("1E+3"), "JPY", new BigDecimal("0.10"));
    DayPart withOdd =
        new DayPart(
            part.sameDay(),
            part.unpaid(),
            part.sales(),
            part.processor(),
            odd,
            part.processorTotals(),
            part.rejected(),
            part.matched(),
            part.unsettled());

    assertThat(DayPartCodec.decode(DayPartCodec.encode(withOdd)).salesTotals()).isEqualTo(odd);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void bytesThatAreNotASoundPartAreRefused(Backend backend) throws Exception {
    day(backend);
    assertThatThrownBy(() -> DayPartCodec.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] good = DayPartCodec.encode(part(0));
    byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
    assertThatThrownBy(() -> DayPartCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void partsAreStoredPerRunAndShardReplacedWhenStoredAgainAndDeletedWithTheirRun(Backend backend)
      throws Exception {
    day(backend);
    List<DayPart> parts = new ArrayList<>();
    for (int i = 0; i < SHARDS; i++) {
      parts.add(part(i));
    }
    store.put("run-a", new Shard(0, SHARDS), parts.get(1));
    store.put("run-a", new Shard(0, SHARDS), parts.get(0)); // a redelivered part task
    store.put("run-a", new Shard(2, SHARDS), parts.get(2));
    store.put("run-b", new Shard(1, SHARDS), parts.get(1));

    assertThatThrownBy(() -> store.all("run-a", SHARDS))
        .isInstanceOf(DayParts.MissingParts.class)
        .hasMessageContaining("lacks part(s) [2] of 3");

    store.put("run-a", new Shard(1, SHARDS), parts.get(1));
    assertThat(store.all("run-a", SHARDS)).isEqualTo(parts);
    // parts stored for another count are not this run's parts
    assertThatThrownBy(() -> store.all("run-a", 2)).isInstanceOf(DayParts.MissingParts.class);

    store.delete("run-a");
    assertThatThrownBy(() -> store.all("run-a", SHARDS))
        .isInstanceOf(DayParts.MissingParts.class)
        .hasMessageContaining("[1, 2, 3]");
    // another run's parts stay
    assertThatThrownBy(() -> store.all("run-b", SHARDS))
        .hasMessageContaining("lacks part(s) [1, 3]");
  }
}
