package dev.reconciler.core.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.reconciler.core.match.DiscrepancyKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reconciling a generated database must find, written beside it as snake_case JSON.
 *
 * <p>Amounts are plain decimal strings with exactly two places for every currency ("12.50", and
 * whole yen as "1234.00"), which is what {@code Money.toDecimal(..).toPlainString()} gives for
 * them.
 *
 * @param salesRows rows inserted into sales, rejected and duplicate rows included
 * @param matched canonical pairs that match (within tolerance, dirty and duplicate-id pairs too)
 * @param exactDuplicates later rows identical to their canonical row, per table
 * @param conflictingDuplicates later rows with the id of a canonical row but other content
 * @param discrepancies sorted by kind (report order), then transaction id, canonical row first
 * @param rejected sorted by source (sales first), then line
 * @param export null for a database; for an export file, what it holds and every sheet's ids (then
 *     processorRows counts the file's rows the import inserts, and discrepancies also hold the
 *     kinds refund, chargeback and fee, after the matcher's kinds)
 */
public record GroundTruth(
    LocalDate businessDate,
    long seed,
    String timezone,
    int transactions,
    long salesRows,
    long processorRows,
    long matched,
    long unsettledSales,
    PerSource exactDuplicates,
    PerSource conflictingDuplicates,
    List<Finding> discrepancies,
    List<Rejection> rejected,
    @JsonInclude(JsonInclude.Include.NON_NULL) ExportTruth export) {

  /** A count for each table. */
  public record PerSource(long sales, long processor) {}

  /**
   * How many ids each kind's sheet must list, for every kind this day's data can carry (a database:
   * the matcher's; an export: the settlement rules' too, less those it cannot carry), in report
   * order, zero where none was drawn.
   */
  public Map<String, Integer> idsPerKind() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      boolean carried =
          export == null ? !kind.fromSettlement() : !export.droppedKinds().contains(kind.id());
      if (carried) {
        counts.put(kind.id(), 0);
      }
    }
    if (export != null) {
      // Its sheets' ids are distinct already, and cover the findings' kinds.
      export
          .sheetIds()
          .forEach((kind, list) -> counts.computeIfPresent(kind, (k, n) -> list.size()));
      return counts;
    }
    Map<String, Set<String>> ids = new HashMap<>();
    for (Finding f : discrepancies) {
      ids.computeIfAbsent(f.kind(), k -> new HashSet<>()).add(f.transactionId());
    }
    ids.forEach((kind, set) -> counts.computeIfPresent(kind, (k, n) -> set.size()));
    return counts;
  }

  /**
   * One expected finding. For duplicate_id there is one per row of the group, with {@code source}
   * ("sales" or "processor") and only that row's amount; otherwise source is null.
   *
   * @param currency the sale's currency, or the processor's when there is no sale
   */
  public record Finding(
      String kind,
      String transactionId,
      String source,
      String salesAmount,
      String processorAmount,
      String currency) {}

  /** A row the reconciler must reject: its table, rowid and defect. */
  public record Rejection(String source, long line, String reason) {}

  public GroundTruth {
    discrepancies = List.copyOf(discrepancies);
    rejected = List.copyOf(rejected);
  }

  /** A database's truth, as before export files existed. */
  public GroundTruth(
      LocalDate businessDate,
      long seed,
      String timezone,
      int transactions,
      long salesRows,
      long processorRows,
      long matched,
      long unsettledSales,
      PerSource exactDuplicates,
      PerSource conflictingDuplicates,
      List<Finding> discrepancies,
      List<Rejection> rejected) {
    this(
        businessDate,
        seed,
        timezone,
        transactions,
        salesRows,
        processorRows,
        matched,
        unsettledSales,
        exactDuplicates,
        conflictingDuplicates,
        discrepancies,
        rejected,
        null);
  }

  /** Number of expected findings of one kind. */
  public long count(DiscrepancyKind kind) {
    return discrepancies.stream().filter(f -> f.kind().equals(kind.id())).count();
  }

  /** Reads a ground-truth file written by {@link DataGenerator}. */
  public static GroundTruth read(Path json) throws IOException {
    return TruthJson.MAPPER.readValue(json.toFile(), GroundTruth.class);
  }

  void write(Path json) throws IOException {
    TruthJson.write(json, this);
  }
}
