package dev.reconciler.core.imports;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offsets of the zone abbreviations Adyen writes in a settlement report's TimeZone column.
 *
 * <p>Adyen names the zone of each row's Creation Date by its abbreviation for that date (CET in
 * winter, CEST in summer), so an abbreviation is a fixed offset and the row's instant needs no zone
 * rules. Java's own table ({@code ZoneId.SHORT_IDS}) cannot serve: it maps BST to Dhaka (+06) where
 * Adyen means British Summer Time (+01), EST to -05 regardless of date, and has no CEST.
 * Abbreviations that name two zones in common use (IST: India, Ireland, Israel; CST: US Central,
 * China, as Java itself writes both; AST: Atlantic, Arabia; GST: Gulf, South Georgia) are left out
 * on purpose: only the account's zone ({@link AdyenZone}) can say which is meant, and without it
 * such a row is rejected with its reason rather than read hours off.
 */
final class AdyenTimeZones {
  private AdyenTimeZones() {}

  private static final Map<String, ZoneOffset> OFFSETS =
      Map.ofEntries(
          Map.entry("UTC", ZoneOffset.UTC),
          Map.entry("GMT", ZoneOffset.UTC),
          Map.entry("WET", ZoneOffset.UTC),
          Map.entry("WEST", hours(1)),
          Map.entry("BST", hours(1)),
          Map.entry("CET", hours(1)),
          Map.entry("CEST", hours(2)),
          Map.entry("EET", hours(2)),
          Map.entry("EEST", hours(3)),
          Map.entry("MSK", hours(3)),
          Map.entry("SGT", hours(8)),
          Map.entry("HKT", hours(8)),
          Map.entry("AWST", hours(8)),
          Map.entry("JST", hours(9)),
          Map.entry("KST", hours(9)),
          Map.entry("ACST", ZoneOffset.ofHoursMinutes(9, 30)),
          Map.entry("ACDT", ZoneOffset.ofHoursMinutes(10, 30)),
          Map.entry("AEST", hours(10)),
          Map.entry("AEDT", hours(11)),
          Map.entry("NZST", hours(12)),
          Map.entry("NZDT", hours(13)),
          Map.entry("BRT", hours(-3)),
          Map.entry("EST", hours(-5)),
          Map.entry("EDT", hours(-4)),
          Map.entry("CDT", hours(-5)),
          Map.entry("MST", hours(-7)),
          Map.entry("MDT", hours(-6)),
          Map.entry("PST", hours(-8)),
          Map.entry("PDT", hours(-7)),
          Map.entry("AKST", hours(-9)),
          Map.entry("AKDT", hours(-8)),
          Map.entry("HST", hours(-10)));

  /** The zones each ambiguous abbreviation names, for the reason a row is rejected. */
  private static final Map<String, String> AMBIGUOUS =
      Map.of(
          "IST", "India +05:30, Ireland +01:00, Israel +02:00",
          "CST", "US Central -06:00, China +08:00, Cuba -05:00",
          "AST", "Atlantic -04:00, Arabia +03:00",
          "GST", "Gulf +04:00, South Georgia -02:00");

  /**
   * Why a row whose abbreviation is neither in the table nor the account zone's at its time is
   * rejected: with the zones an ambiguous one names, and the setting that decides between them.
   *
   * @param setting the setting that gave the account's zone ({@link AdyenZone#settingName})
   */
  static String unknown(String abbreviation, ZoneId account, String setting) {
    String zones = AMBIGUOUS.get(abbreviation);
    String whose = setting + " " + account.getId() + "'s";
    return zones == null
        ? "unknown time zone " + Cells.quoted(abbreviation) + " (not " + whose + " either)"
        : "ambiguous time zone "
            + Cells.quoted(abbreviation)
            + " ("
            + zones
            + "), not "
            + whose
            + " at that time: set [import.adyen] timezone to the Adyen account's zone";
  }

  /**
   * Why a row is rejected whose abbreviation the fixed table and [reconciliation] timezone (taken
   * for the account's zone, [import.adyen] timezone not being set) read at different offsets.
   */
  static String twoReadings(
      String abbreviation, ZoneOffset fixed, ZoneOffset own, ZoneId reconciliation) {
    return "time zone "
        + Cells.quoted(abbreviation)
        + " is "
        + fixed.getId()
        + " where it is most used but "
        + own.getId()
        + " in [reconciliation] timezone "
        + reconciliation.getId()
        + ", which stands for the Adyen account's zone while [import.adyen] timezone is not set:"
        + " set that key to the account's zone";
  }

  /**
   * A zone written as its offset (GMT+03:00, UTC-5, +0530, as Java itself names a zone that has no
   * abbreviation): no table needed, and never ambiguous.
   */
  private static final Pattern NUMERIC =
      Pattern.compile("(?:GMT|UTC)?([+-])(\\d{1,2})(?::?(\\d{2}))?");

  /** The offset Adyen means by {@code abbreviation}, or null when it is not one we know. */
  static ZoneOffset offset(String abbreviation) {
    ZoneOffset named = OFFSETS.get(abbreviation);
    if (named != null) {
      return named;
    }
    Matcher m = NUMERIC.matcher(abbreviation);
    if (!m.matches()) {
      return null;
    }
    int hours = Integer.parseInt(m.group(2));
    int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (hours > 14 || minutes > 59) {
      return null;
    }
    int sign = m.group(1).equals("-") ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  private static ZoneOffset hours(int h) {
    return ZoneOffset.ofHours(h);
  }
}
