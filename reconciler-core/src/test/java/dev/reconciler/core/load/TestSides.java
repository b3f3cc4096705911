package dev.reconciler.core.load;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.RawRow;
import dev.reconciler.core.store.RowFields;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Builds loaded sides from a few rows, through the real cleaner, for matching tests. */
public final class TestSides {
  private TestSides() {}

  /** A sales side and a processor side with one row each for {@code id}. */
  public static LoadedSide[] pair(
      String id,
      String saleAmount,
      String saleCurrency,
      String saleStatus,
      String processorAmount,
      String processorCurrency,
      String processorStatus) {
    LoadedSide sales =
        side(
            Source.SALES,
            new RawRow(
                Source.SALES,
                1,
                id,
                saleAmount,
                saleCurrency,
                saleStatus,
                "2026-11-24T10:00:00Z",
                "O",
                "C",
                null));
    LoadedSide processor =
        side(
            Source.PROCESSOR,
            new RawRow(
                Source.PROCESSOR,
                1,
                id,
                processorAmount,
                processorCurrency,
                processorStatus,
                "2026-11-24T10:00:05Z",
                "P",
                null,
                "0.30"));
    return new LoadedSide[] {sales, processor};
  }

  /** One side holding the given rows, cleaned and de-duplicated as the loader does. */
  public static LoadedSide side(Source source, RawRow... rows) {
    SideLoader loader =
        new SideLoader(
            new Cleaner(SettingsLoader.defaults().reconciliation()), LocalDate.of(2026, 11, 24));
    LoadedSide side = new LoadedSide(source, source.name().toLowerCase());
    Map<Long, RawRow> byLine = new HashMap<>();
    for (RawRow raw : rows) {
      loader.add(side, RowFields.of(raw));
      byLine.put(raw.line(), raw);
    }
    loader.resolveRepeats(side, lines -> byLine);
    return side;
  }
}
