package dev.reconciler.core.imports;

import dev.reconciler.core.load.TimestampParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a row's Creation Date at the offset its TimeZone abbreviation names: the Adyen account's
 * zone's own, where that zone goes by the abbreviation at that time, else {@link AdyenTimeZones}'
 * fixed one. The account's zone comes first because only it can say which of two zones an
 * abbreviation such as IST or CST means, and that Manila's PST is +08, not California's -08.
 *
 * <p>When [import.adyen] timezone is not set, the account's zone is taken to be [reconciliation]
 * timezone, which may not be the account's: a row whose abbreviation that zone and the fixed table
 * read at different offsets (PST in Asia/Manila, CDT in America/Havana) is then rejected, naming
 * the key to set, rather than read hours off either way.
 */
final class AdyenZone {
  /** The abbreviations Java writes, as the generator does. */
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

  private final ZoneId account;
  private final String setting;
  private final ZoneRules rules;
  private final Set<String> names;
  private final TimestampParser inAccount;

  /** One parser per fixed offset, at most one per abbreviation of the table. */
  private final Map<ZoneOffset, TimestampParser> atOffset = new HashMap<>();

  /** The account zone's abbreviation per offset and daylight-saving flag (offset * 2 + flag). */
  private final Map<Integer, String> nameOf = new HashMap<>();

  /**
   * @param account [import.adyen] timezone, or [reconciliation] timezone when that is not set
   * @param set whether [import.adyen] timezone was set
   */
  AdyenZone(ZoneId account, boolean set) {
    this(account, set ? "[import.adyen] timezone" : null);
  }

  /**
   * @param account the account's zone
   * @param setting the setting that gave it, as a rejection names it; null when [reconciliation]
   *     timezone stands for it
   */
  AdyenZone(ZoneId account, String setting) {
    this.account = account;
    this.setting = setting;
    this.rules = account.getRules();
    this.inAccount = new TimestampParser(account);
    this.names = names(account);
  }

  /** The setting that gave the account's zone, as messages name it. */
  String settingName() {
    return setting != null ? setting : "[reconciliation] timezone";
  }

  /**
   * The instant of {@code created} (Creation Date's text) in the zone {@code abbreviation} names.
   */
  Instant instant(String abbreviation, String created) {
    ZoneOffset fixed = fixed(abbreviation);
    if (names.contains(abbreviation)) {
      Instant own = ownReading(Cells.instant(created, inAccount, "Creation Date"), abbreviation);
      if (own != null) {
        ZoneOffset offset = rules.getOffset(own);
        // Only [reconciliation] timezone, standing for the account's zone, is not trusted over it.
        if (setting == null && fixed != null && !fixed.equals(offset)) {
          throw new RowRejected(AdyenTimeZones.twoReadings(abbreviation, fixed, offset, account));
        }
        return own;
      }
    }
    if (fixed == null) {
      throw new RowRejected(AdyenTimeZones.unknown(abbreviation, account, settingName()));
    }
    TimestampParser parser = atOffset.computeIfAbsent(fixed, TimestampParser::new);
    return Cells.instant(created, parser, "Creation Date");
  }

  /**
   * {@code at} (the account zone's reading of a local time: the earlier one in an overlap), or the
   * later reading in an overlap, whichever the zone calls {@code abbreviation} (01:30 CST and 01:30
   * CDT are an hour apart on the night clocks go back); null when neither is.
   */
  private Instant ownReading(Instant at, String abbreviation) {
    ZoneOffset offset = rules.getOffset(at);
    if (name(at, offset).equals(abbreviation)) {
      return at;
    }
    LocalDateTime local = LocalDateTime.ofInstant(at, offset);
    for (ZoneOffset other : rules.getValidOffsets(local)) {
      Instant later = local.toInstant(other);
      if (!other.equals(offset) && name(later, other).equals(abbreviation)) {
        return later;
      }
    }
    return null;
  }

  /** {@link AdyenTimeZones#offset} per abbreviation met (empty: none), looked up once each. */
  private final Map<String, Optional<ZoneOffset>> fixedOf = new HashMap<>();

  /**
   * The table's offset for {@code abbreviation}, or null. Once per abbreviation: one the table
   * lacks (IST, a whole file of it) would otherwise be matched against the numeric pattern per row.
   */
  private ZoneOffset fixed(String abbreviation) {
    return fixedOf
        .computeIfAbsent(abbreviation, a -> Optional.ofNullable(AdyenTimeZones.offset(a)))
        .orElse(null);
  }

  /** The last key {@link #name} looked up and its name: a file's rows mostly share one. */
  private int lastKey = Integer.MIN_VALUE;

  private String lastName;

  private String name(Instant at, ZoneOffset offset) {
    int key = offset.getTotalSeconds() * 2 + (rules.isDaylightSavings(at) ? 1 : 0);
    if (key != lastKey) {
      lastName = nameOf.computeIfAbsent(key, k -> NAME.format(at.atZone(account)));
      lastKey = key;
    }
    return lastName;
  }

  /**
   * Every abbreviation the zone has gone or will go by in winter and summer from 1970 to 2100: a
   * row whose abbreviation is none of them skips the account's reading, which would be parsed for
   * nothing.
   */
  private static Set<String> names(ZoneId zone) {
    Set<String> names = new HashSet<>();
    for (int year = 1970; year <= 2100; year++) {
      names.add(NAME.format(ZonedDateTime.of(year, 1, 15, 12, 0, 0, 0, zone)));
      names.add(NAME.format(ZonedDateTime.of(year, 7, 15, 12, 0, 0, 0, zone)));
    }
    return Set.copyOf(names);
  }
}
