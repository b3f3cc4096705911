package dev.reconciler.cli;

import dev.reconciler.core.domain.UserError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Parses --date values; the default business date is yesterday in the business time zone. */
final class DateOption {
  private DateOption() {}

  static LocalDate parse(String text, ZoneId zone, Clock clock) {
    return parse("--date", text, zone, clock);
  }

  /**
   * As {@link #parse(String, ZoneId, Clock)}, for the option named {@code option}: yesterday when
   * the option is not given (null). A blank value is refused, not taken for yesterday: it is what a
   * script's unset variable gives ({@code --to "$END"}), and yesterday then runs a month.
   */
  static LocalDate parse(String option, String text, ZoneId zone, Clock clock) {
    if (text == null) {
      return LocalDate.now(clock.withZone(zone)).minusDays(1);
    }
    if (text.isBlank()) {
      throw new UserError(
          option
              + " is blank: give a date (yyyy-MM-dd, e.g. 2026-11-24, or 'today'), or leave the"
              + " option out for yesterday");
    }
    if (text.equalsIgnoreCase("today")) {
      return LocalDate.now(clock.withZone(zone));
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UserError(
          option + " '" + text + "' is not a date: use yyyy-MM-dd, e.g. 2026-11-24, or 'today'");
    }
  }
}
