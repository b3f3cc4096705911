package dev.reconciler.core.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What reconciling several generated days must find when they are run in date order from an empty
 * ledger with the given settlement window: one snake_case JSON file with a section per day, written
 * beside the database in place of a single day's {@link GroundTruth}.
 *
 * @param firstDate the first business date; the others follow it day by day
 * @param windowDays the settlement window the open items were aged by
 * @param seed the spec's seed; each day's section names the seed its own transactions were drawn
 *     from
 * @param transactionsPerDay transactions drawn for each day (a late row lands on a later day)
 * @param days one section per business date, in date order
 */
public record MultiDayTruth(
    LocalDate firstDate,
    int windowDays,
    long seed,
    String timezone,
    int transactionsPerDay,
    List<Day> days) {

  public MultiDayTruth {
    days = List.copyOf(days);
  }

  /**
   * One date's run.
   *
   * @param run what the run finds among the date's rows, as a single day's truth does, except that
   *     the missing kinds hold exactly the items that went missing on this run, and a late pair
   *     that disagrees is listed under its kind on the day it cleared; rejected lines are rowids of
   *     the one database
   * @param inTransit the open items still inside the window after the run
   * @param open every item open after the run, in transit and missing
   * @param cleared items open before the run whose other half arrived on it
   */
  public record Day(GroundTruth run, List<Item> inTransit, List<Item> open, List<Cleared> cleared) {
    public Day {
      inTransit = List.copyOf(inTransit);
      open = List.copyOf(open);
      cleared = List.copyOf(cleared);
    }
  }

  /**
   * An open item, listed by source ("sales" first), opening date, then transaction id.
   *
   * @param openedOn the business date of the row that opened the item
   * @param ageDays whole days from openedOn to the run
   * @param missingSince the run on which it went missing, or null while in transit
   */
  public record Item(
      String source,
      String transactionId,
      LocalDate openedOn,
      long ageDays,
      LocalDate missingSince) {}

  /**
   * A cleared item, in the same order as open items.
   *
   * @param source the source of the row that was open
   * @param originalDate the business date that opened it
   * @param daysLate whole days from originalDate to the run that cleared it
   * @param kind the discrepancy kind of a late pair that disagrees, or null when it agrees
   */
  public record Cleared(
      String source, String transactionId, LocalDate originalDate, long daysLate, String kind) {}

  /** Reads a file written by {@link DataGenerator#generateDays}. */
  public static MultiDayTruth read(Path json) throws IOException {
    return TruthJson.MAPPER.readValue(json.toFile(), MultiDayTruth.class);
  }

  void write(Path json) throws IOException {
    TruthJson.write(json, this);
  }
}
