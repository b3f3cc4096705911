package dev.reconciler.cli;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.jobs.RunOrder;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The dates a reconcile asks for: {@code --date D} (default yesterday), or {@code --from D1 --to
 * D2}; either is run in order, followed by the dates a rerun made stale.
 */
record RequestedDates(LocalDate from, LocalDate to) {

  /** Reads and checks the options; every mistake is a {@link UserError} that says what to do. */
  static RequestedDates of(RunOptions run, ZoneId zone, Clock clock) {
    if (run.from == null && run.to == null) {
      LocalDate date = DateOption.parse(run.date, zone, clock);
      return new RequestedDates(date, date);
    }
    if (run.date != null) {
      throw new UserError(
          "--date and --from/--to cannot be combined: give one date, or a range of dates");
    }
    if (run.from == null || run.to == null) {
      throw new UserError(
          "--from and --to go together: a range is --from 2026-11-01 --to 2026-11-07");
    }
    LocalDate from = DateOption.parse("--from", run.from, zone, clock);
    LocalDate to = DateOption.parse("--to", run.to, zone, clock);
    if (from.isAfter(to)) {
      throw new UserError(
          "--from " + from + " is after --to " + to + ": the range runs forward in time");
    }
    long days = RunOrder.days(from, to);
    if (days > RunOrder.MAX_RANGE_DAYS) {
      throw new UserError(
          "--from "
              + from
              + " --to "
              + to
              + " is "
              + days
              + " dates; at most "
              + RunOrder.MAX_RANGE_DAYS
              + " at a time: split the backfill into consecutive ranges");
    }
    return new RequestedDates(from, to);
  }
}
