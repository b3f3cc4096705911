package dev.reconciler.core.store;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The dates, as text, that a row of the business day {@code [dayStart, dayEnd)} can spell in its
 * timestamp: a timestamp spells its instant's local date at its own offset, or at the zone's when
 * it has none, and every offset lies within +-18:00, so the dates the day's first and last instants
 * have at those extremes bound them. (In UTC: one date either side.) Every input reads the day as
 * the rows whose timestamp text lies in [from, to), plus those no date can place.
 *
 * @param from the first date, inclusive
 * @param to the date after the last, exclusive
 */
record SpelledDates(String from, String to) {
  static SpelledDates of(Instant dayStart, Instant dayEnd) {
    return new SpelledDates(
        dayStart.atOffset(ZoneOffset.MIN).toLocalDate().toString(),
        dayEnd.minusNanos(1).atOffset(ZoneOffset.MAX).toLocalDate().plusDays(1).toString());
  }
}
