package dev.reconciler.core.config;

import dev.reconciler.core.config.Settings.TaskSettings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.imports.CsvMapping;
import dev.reconciler.core.imports.DecimalMark;
import dev.reconciler.core.imports.ExportCsv;
import dev.reconciler.core.imports.PatternTimestamps;
import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.load.Utf8;
import dev.reconciler.core.report.SheetIds;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Turns raw strings into typed, validated settings; each error names origin, section and key. */
final class SettingsBuilder {
  /** Tasks whose [tasks] keys are read; kept here so a typo in a task name is an unknown key. */
  static final List<String> TASK_NAMES =
      List.of("reconcile", "send_alert", "ping", "import", "reconcile_part", "reconcile_merge");

  /**
   * Queue names end up inside worker names and delayed-set members, which use : , | as separators.
   */
  private static final Pattern QUEUE = Settings.Worker.QUEUE_NAME;

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SIZE =
      Pattern.compile("\\d+\\s*(KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  /** The matcher holds the tolerance as a scaled long: the largest amount one can hold. */
  private static final BigDecimal MAX_TOLERANCE = BigDecimal.valueOf(Long.MAX_VALUE, Money.SCALE);

  /** A rate-card entry: currency, percent, optional fixed part ("USD:2.9%+0.30", "EUR:1.4%"). */
  private static final Pattern RATE =
      Pattern.compile(
          "([A-Za-z]{3})\\s*:\\s*(\\d{1,3}(?:\\.\\d{1,4})?)\\s*%\\s*(?:\\+\\s*(\\d{1,14}(?:\\.\\d{1,4})?))?");

  private static final String RATE_EXPECTED =
      "comma-separated CUR:PERCENT%+FIXED entries such as 'USD:2.9%+0.30, EUR:1.4%+0.25'"
          + " (ISO-4217 code, percent from 0 to 100, fixed part optional, at most 4 decimals)";

  private static final String SQLITE_URL = "jdbc:sqlite:";
  private static final String POSTGRES_URL = "jdbc:postgresql://";

  private final RawConfig raw;

  SettingsBuilder(RawConfig raw) {
    this.raw = raw;
  }

  Settings build() {
    raw.sections().forEach((section, keys) -> keys.forEach((key, v) -> requireText(section, key)));
    String url = databaseUrl();
    return new Settings(
        origins(),
        paths(url),
        new Settings.Database(
            identifier("database", "sales_table"),
            processorTable(url.startsWith(POSTGRES_URL)),
            integer("database", "busy_timeout_ms", 0, 3_600_000),
            url.startsWith(POSTGRES_URL) ? url : null,
            text("database", "user"),
            text("database", "password"),
            integer("database", "pool_size", Settings.Database.SESSIONS_PER_RUN, 10_000)),
        report(),
        new Settings.Reports(
            choice("report", "store", Settings.ReportStore.class),
            integer("report", "keep_days", 0, 36_500)),
        reconciliation(),
        fees(),
        logging(),
        redis(),
        new Settings.Schedule(
            nonBlank("schedule", "cron"),
            zone("schedule", "timezone"),
            choice("schedule", "misfire", Settings.Misfire.class),
            integer("schedule", "catch_up_hours", 0, 24 * 31)),
        email(),
        worker(),
        tasks(),
        imports(),
        web());
  }

  private String origins() {
    Set<String> origins = new LinkedHashSet<>();
    raw.sections().values().forEach(keys -> keys.values().forEach(v -> origins.add(v.origin())));
    return String.join(", ", origins);
  }

  /**
   * [database] url: blank, jdbc:sqlite:PATH or jdbc:postgresql://HOST[:PORT]/DB[?...]. Shown masked
   * in an error, since a URL may carry a password.
   */
  private String databaseUrl() {
    String url = text("database", "url").strip();
    boolean sqlite = url.startsWith(SQLITE_URL) && url.length() > SQLITE_URL.length();
    boolean postgres =
        url.startsWith(POSTGRES_URL)
            && url.length() > POSTGRES_URL.length()
            && !url.startsWith("/", POSTGRES_URL.length());
    if (!url.isEmpty() && !sqlite && !postgres) {
      throw invalid(
          "database",
          "url",
          Masking.jdbcUrl(url),
          "empty (the SQLite file of [paths] database), jdbc:sqlite:PATH"
              + " or jdbc:postgresql://HOST[:PORT]/DATABASE");
    }
    return url;
  }

  /** [paths]; a jdbc:sqlite: [database] url names the input database instead of [paths]. */
  private Settings.Paths paths(String databaseUrl) {
    return new Settings.Paths(
        path("paths", "data_dir"),
        databaseUrl.startsWith(SQLITE_URL)
            ? Path.of(databaseUrl.substring(SQLITE_URL.length()))
            : path("paths", "database"),
        path("paths", "report_dir"),
        path("paths", "log_dir"),
        path("paths", "outbox_dir"),
        list("paths", "allowed_roots").stream()
            .map(
                root ->
                    parse("paths", "allowed_roots", "comma-separated paths", s -> Path.of(root)))
            .toList(),
        text("paths", "runs_database").isBlank() ? null : path("paths", "runs_database"));
  }

  private Settings.Redis redis() {
    String url = text("redis", "url");
    if (!Settings.Redis.embedded(url)) {
      try {
        RedisUrl.parse(url);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            raw.get("redis", "url").origin()
                + ": [redis] url = '"
                + Masking.url(url)
                + "' is invalid: "
                + e.getMessage()
                + "; expected "
                + RedisUrl.EXPECTED);
      }
    }
    return new Settings.Redis(
        url,
        nonBlank("redis", "namespace"),
        integer("redis", "timeout_ms", 1, 600_000),
        bool("redis", "verify_hostname"));
  }

  private Settings.Report report() {
    List<String> sheets = list("report", "sheets");
    for (String sheet : sheets) {
      if (!SheetIds.known(sheet)) {
        throw invalid(
            "report", "sheets", sheet, "sheet names from: " + String.join(", ", SheetIds.ALL));
      }
    }
    String pattern = nonBlank("report", "file_pattern");
    if (!pattern.contains("{date}") || pattern.contains("/") || !pattern.endsWith(".xlsx")) {
      throw invalid(
          "report", "file_pattern", pattern, "a file name ending in .xlsx that contains {date}");
    }
    return new Settings.Report(
        pattern, sheets, integer("report", "max_rows_per_sheet", 1, 1_048_575));
  }

  private Settings.Reconciliation reconciliation() {
    BigDecimal tolerance =
        parse(
            "reconciliation",
            "amount_tolerance",
            "a decimal amount from 0 to "
                + MAX_TOLERANCE.toPlainString()
                + " with at most 4 places",
            s -> {
              BigDecimal d = new BigDecimal(s);
              // compareTo looks at the exponent first, so 1e999999999 is refused without expanding
              // it.
              if (d.signum() < 0
                  || d.compareTo(MAX_TOLERANCE) > 0
                  || d.stripTrailingZeros().scale() > Money.SCALE) {
                throw new IllegalArgumentException();
              }
              return d;
            });
    Map<String, Status> statuses = new LinkedHashMap<>();
    statusList(statuses, "paid_statuses", Status.PAID);
    statusList(statuses, "failed_statuses", Status.FAILED);
    statusList(statuses, "pending_statuses", Status.PENDING);
    statusList(statuses, "cancelled_statuses", Status.CANCELLED);
    statusList(statuses, "refunded_statuses", Status.REFUNDED);
    Set<String> currencies = new LinkedHashSet<>();
    for (String code : list("reconciliation", "currencies")) {
      String upper = code.toUpperCase(Locale.ROOT);
      try {
        Currency.getInstance(upper);
      } catch (IllegalArgumentException e) {
        throw invalid("reconciliation", "currencies", code, "ISO-4217 currency codes");
      }
      currencies.add(upper);
    }
    return new Settings.Reconciliation(
        identifier("reconciliation", "match_key"),
        tolerance,
        zone("reconciliation", "timezone"),
        Map.copyOf(statuses),
        Set.copyOf(currencies),
        integer("reconciliation", "settlement_window_days", 0, 366),
        integer("reconciliation", "ledger_keep_days", 0, 36_500),
        shards());
  }

  /** [reconciliation] shards: a count of parts, or "auto" ({@link Settings#AUTO_SHARDS}). */
  private int shards() {
    return parse(
        "reconciliation",
        "shards",
        "a whole number from 1 to " + Shard.MAX_COUNT + ", or auto",
        s -> {
          if (s.equalsIgnoreCase("auto")) {
            return Settings.AUTO_SHARDS;
          }
          int n = Integer.parseInt(s);
          if (n < 1 || n > Shard.MAX_COUNT) {
            throw new IllegalArgumentException();
          }
          return n;
        });
  }

  private Settings.Fees fees() {
    Map<String, Settings.Rate> card = new LinkedHashMap<>();
    for (String entry : list("fees", "rate_card")) {
      Map.Entry<String, Settings.Rate> rate;
      try {
        rate = rate(entry);
      } catch (IllegalArgumentException e) {
        // The entry, not the whole list: the key holds one per currency.
        throw invalid("fees", "rate_card", entry, RATE_EXPECTED);
      }
      if (card.put(rate.getKey(), rate.getValue()) != null) {
        throw invalid("fees", "rate_card", entry, "each currency once");
      }
    }
    BigDecimal tolerance =
        parse(
            "fees",
            "tolerance",
            "a decimal amount of 0 or more with at most 4 places",
            s -> decimal(s, BigDecimal.ZERO, MAX_TOLERANCE));
    return new Settings.Fees(Map.copyOf(card), tolerance);
  }

  /** One rate-card entry, {@code USD:2.9%+0.30}; throws IllegalArgumentException when malformed. */
  private static Map.Entry<String, Settings.Rate> rate(String entry) {
    java.util.regex.Matcher m = RATE.matcher(entry);
    if (!m.matches()) {
      throw new IllegalArgumentException();
    }
    String currency = Currency.getInstance(m.group(1).toUpperCase(Locale.ROOT)).getCurrencyCode();
    BigDecimal percent = decimal(m.group(2), BigDecimal.ZERO, BigDecimal.valueOf(100));
    BigDecimal fixed =
        m.group(3) == null ? BigDecimal.ZERO : decimal(m.group(3), BigDecimal.ZERO, MAX_TOLERANCE);
    return Map.entry(currency, new Settings.Rate(percent, fixed));
  }

  /** A plain decimal from min to max with at most {@link Money#SCALE} places. */
  private static BigDecimal decimal(String s, BigDecimal min, BigDecimal max) {
    BigDecimal d = new BigDecimal(s);
    if (d.compareTo(min) < 0
        || d.compareTo(max) > 0
        || d.stripTrailingZeros().scale() > Money.SCALE) {
      throw new IllegalArgumentException();
    }
    return d;
  }

  private void statusList(Map<String, Status> into, String key, Status status) {
    for (String raw : list("reconciliation", key)) {
      Status previous = into.put(raw.toLowerCase(Locale.ROOT), status);
      if (previous != null) {
        throw invalid(
            "reconciliation",
            key,
            raw,
            "a status listed only once (it is already " + previous + ")");
      }
    }
  }

  private Settings.Logging logging() {
    String level = text("logging", "level").toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw invalid("logging", "level", level, "one of " + LEVELS);
    }
    String size = text("logging", "max_file_size");
    if (!SIZE.matcher(size).matches()) {
      throw invalid("logging", "max_file_size", size, "a size such as 10MB");
    }
    return new Settings.Logging(
        level, text("logging", "file"), size, integer("logging", "max_history", 0, 10_000));
  }

  private Settings.Email email() {
    return new Settings.Email(
        text("email", "host"),
        integer("email", "port", 1, 65_535),
        choice("email", "tls", Settings.Tls.class),
        text("email", "user"),
        text("email", "password"),
        nonBlank("email", "from"),
        list("email", "to"),
        text("email", "subject_prefix"),
        bool("email", "attach_report"),
        integer("email", "attach_max_bytes", 0, Integer.MAX_VALUE),
        integer("email", "discrepancy_threshold", 0, Integer.MAX_VALUE));
  }

  private Settings.Worker worker() {
    List<String> queues = list("worker", "queues");
    if (queues.isEmpty()) {
      throw invalid("worker", "queues", "", "at least one queue name");
    }
    queues.forEach(q -> queueName("worker", "queues", q));
    Duration heartbeat = seconds("worker", "heartbeat_seconds", 1, 3600);
    Duration ttl = seconds("worker", "heartbeat_ttl_seconds", 2, 86_400);
    if (ttl.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw invalid(
          "worker",
          "heartbeat_ttl_seconds",
          String.valueOf(ttl.toSeconds()),
          "at least twice [worker] heartbeat_seconds (" + heartbeat.toSeconds() + ")");
    }
    return new Settings.Worker(
        queues,
        integer("worker", "concurrency", 1, Settings.Worker.MAX_CONCURRENCY),
        seconds("worker", "shutdown_grace_seconds", 0, 86_400),
        heartbeat,
        ttl,
        Duration.ofHours(integer("worker", "result_expiry_hours", 1, 24 * 365)),
        integer("worker", "max_redeliveries", 0, 1000));
  }

  private Map<String, TaskSettings> tasks() {
    Map<String, TaskSettings> tasks = new LinkedHashMap<>();
    for (String task : TASK_NAMES) {
      tasks.put(
          task,
          new TaskSettings(
              queueName("tasks", task + "_queue", text("tasks", task + "_queue")),
              integer("tasks", task + "_max_retries", 0, 1000),
              seconds("tasks", task + "_backoff_base_seconds", 0, 86_400),
              seconds("tasks", task + "_backoff_max_seconds", 0, 7 * 86_400),
              seconds("tasks", task + "_time_limit_seconds", 1, 7 * 86_400)));
    }
    return Map.copyOf(tasks);
  }

  private Settings.Web web() {
    Bind bind = parse("web", "bind", Bind.EXPECTED, Bind::parse);
    String keystore = text("web", "tls_keystore");
    return new Settings.Web(
        bind.host(),
        bind.port(),
        webUsers(),
        keystore.isBlank() ? null : path("web", "tls_keystore"),
        text("web", "tls_keystore_password"),
        bool("web", "metrics_auth"),
        Duration.ofMinutes(integer("web", "session_minutes", 1, 7 * 24 * 60)),
        integer("web", "refresh_seconds", 0, 3600));
  }

  /** name:role:hash entries; the hash itself is never echoed in an error. */
  private List<Settings.WebUser> webUsers() {
    List<Settings.WebUser> users = new java.util.ArrayList<>();
    for (String entry : list("web", "users")) {
      String[] parts = entry.split(":", 3);
      String name = parts[0].strip();
      if (parts.length < 3 || !USER.matcher(name).matches()) {
        throw invalid(
            "web",
            "users",
            Masking.printable(name),
            "name:role:hash, a name of 1 to 64 letters, "
                + "digits or . _ - (e.g. ana:operator:"
                + PasswordHash.EXPECTED
                + ")");
      }
      Settings.WebRole role = webRole(name, parts[1].strip());
      PasswordHash hash;
      try {
        hash = PasswordHash.parse(parts[2].strip());
      } catch (IllegalArgumentException e) {
        throw invalid(
            "web", "users", name + ":" + parts[1].strip() + ":***", PasswordHash.EXPECTED);
      }
      if (users.stream().anyMatch(u -> u.name().equals(name))) {
        throw invalid("web", "users", name, "each user name once");
      }
      users.add(new Settings.WebUser(name, role, hash));
    }
    return List.copyOf(users);
  }

  private Settings.WebRole webRole(String name, String role) {
    try {
      return Settings.WebRole.valueOf(role.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          "web", "users", name + ":" + Masking.printable(role), "a role of viewer or operator");
    }
  }

  private Settings.Imports imports() {
    boolean adyenSet = !text("import.adyen", "timezone").isBlank();
    return new Settings.Imports(
        columnName("import.stripe", "transaction_id_column", true),
        columnName("import.adyen", "transaction_id_column", true),
        columnName("import.paypal", "transaction_id_column", true),
        csvImport(),
        zoneOrReconciliations("import.adyen"),
        adyenSet,
        accountZones("import.adyen", "account_timezones"),
        zone("import.stripe", "timezone"),
        zoneOrReconciliations("import.csv"),
        decimalMark("import.stripe"));
  }

  /** A section's decimal_separator: "." or ",", as the file's amounts write it. */
  private DecimalMark decimalMark(String section) {
    String key = "decimal_separator";
    return parse(
        section, key, "'.' or ','", s -> new DecimalMark(character(s), "[" + section + "] " + key));
  }

  /**
   * [import.csv] timestamp_format: empty (ISO-8601), or a java.time pattern giving a whole date,
   * checked here so that a bad one names its key before any file is read.
   */
  private String timestampFormat(String section, Locale locale) {
    return parse(
        section,
        "timestamp_format",
        "empty (ISO-8601) or a java.time pattern with year, month and day, such as dd.MM.yyyy HH:mm",
        s -> {
          if (!s.isBlank()) {
            new PatternTimestamps(s, ZoneOffset.UTC, locale);
          }
          return s.strip();
        });
  }

  /**
   * [import.csv] timestamp_locale: empty (English), or a language tag of a language Java has month
   * names for (de, fr-CH): a tag it does not know would read names in English without a word.
   */
  private Locale timestampLocale(String section) {
    return parse(
        section,
        "timestamp_locale",
        "empty (English) or a language tag such as de, fr or pt-BR",
        s -> {
          if (s.isBlank()) {
            return Locale.ROOT;
          }
          Locale locale = Locale.forLanguageTag(s.strip());
          boolean known =
              !locale.getLanguage().isEmpty()
                  && locale.toLanguageTag().equalsIgnoreCase(s.strip())
                  && Arrays.stream(Locale.getAvailableLocales())
                      .anyMatch(l -> l.getLanguage().equals(locale.getLanguage()));
          if (!known) {
            throw new IllegalArgumentException(s);
          }
          return locale;
        });
  }

  /** [import.csv] decimal_separator and thousands_separator (empty: none; "space" for a blank). */
  private DecimalMark csvDecimalMark(String section) {
    DecimalMark decimals = decimalMark(section);
    return parse(
        section,
        "thousands_separator",
        "empty, or one of . , ' or the word space, and not the decimal_separator ('"
            + decimals.separator()
            + "')",
        s ->
            new DecimalMark(
                decimals.separator(),
                s.isEmpty() ? DecimalMark.NO_GROUPING : character(s),
                decimals.setting(),
                "[" + section + "] thousands_separator"));
  }

  /** [import.csv] delimiter: one of the characters {@link ExportCsv.Separator} knows, or "tab". */
  private ExportCsv.Separator delimiter(String section) {
    String key = "delimiter";
    return parse(
        section,
        key,
        "one of , ; | or the word tab",
        s -> new ExportCsv.Separator(character(s), "[" + section + "] " + key));
  }

  /**
   * The character a one-character setting names: itself, or the word for one config.ini cannot hold
   * ("tab", "space"); anything else a character no such setting takes, so that its reader refuses
   * it.
   */
  private static char character(String value) {
    return switch (value) {
      case "tab" -> '\t';
      case "space" -> ' ';
      default -> value.length() == 1 ? value.charAt(0) : '\uffff';
    };
  }

  private CsvMapping csvImport() {
    String s = "import.csv";
    Locale timestampLocale = timestampLocale(s);
    Map<String, RowType> types = new LinkedHashMap<>();
    for (RowType type : RowType.values()) {
      String key = "type_" + type.id();
      for (String value : list(s, key)) {
        RowType previous = types.put(value.toLowerCase(Locale.ROOT), type);
        if (previous != null) {
          // Either list may be the one just changed: name where each came from.
          String other = "type_" + previous.id();
          throw invalid(
              s,
              key,
              value,
              "a value listed for one type only (it is also in ["
                  + s
                  + "] "
                  + other
                  + ", from "
                  + raw.get(s, other).origin()
                  + ")");
        }
      }
    }
    requireOwnColumns(s, "one column holds one amount", "gross_column", "fee_column", "net_column");
    requireOwnColumns(
        s,
        "a refund carries its payment's transaction id, so keyed by it the refund would be skipped"
            + " as already present",
        "transaction_id_column",
        "row_key_column");
    return new CsvMapping(
        columnName(s, "row_key_column", true),
        columnName(s, "transaction_id_column", true),
        columnName(s, "type_column", true),
        columnName(s, "gross_column", true),
        columnName(s, "fee_column", false),
        columnName(s, "net_column", false),
        columnName(s, "currency_column", true),
        columnName(s, "timestamp_column", true),
        columnName(s, "payout_id_column", false),
        columnName(s, "account_column", false),
        columnName(s, "reference_column", false),
        columnName(s, "original_reference_column", false),
        Map.copyOf(types),
        choice(s, "amounts", CsvMapping.Amounts.class),
        csvDecimalMark(s),
        delimiter(s),
        timestampFormat(s, timestampLocale),
        timestampLocale,
        parse(
            s,
            "encoding",
            "a character set Java knows, such as UTF-8, windows-1252 or ISO-8859-15",
            Charset::forName));
  }

  /**
   * Refuses two of {@code keys} naming one column (as the importers match names): such a mapping
   * imports every row wrong without a rejection, so it is refused where it is written.
   */
  private void requireOwnColumns(String section, String why, String... keys) {
    Map<String, String> keyOfColumn = new LinkedHashMap<>();
    for (String key : keys) {
      String column = Utf8.strip(text(section, key));
      String other = column.isEmpty() ? null : keyOfColumn.putIfAbsent(column, key);
      if (other != null) {
        throw invalid(
            section,
            key,
            text(section, key),
            "a column other than "
                + other
                + "'s (from "
                + raw.get(section, other).origin()
                + "): "
                + why);
      }
    }
  }

  /**
   * A CSV header name as the importers match it (exactly, blanks around it ignored); a required one
   * may not be empty. Any other text is allowed, since real headers hold spaces and brackets.
   */
  private String columnName(String section, String key, boolean required) {
    return required ? nonBlank(section, key) : text(section, key);
  }

  // --- typed readers -------------------------------------------------------------------------

  /**
   * No value needs a control character, and one would let a value break a log line or a mail
   * header; the value is not shown, as it may be a password.
   */
  private void requireText(String section, String key) {
    String s = text(section, key);
    int bad =
        s.codePoints()
            .filter(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)
            .findFirst()
            .orElse(-1);
    if (bad >= 0) {
      throw new ConfigException(
          String.format(
              "%s: [%s] %s contains U+%04X, a control character or unpaired surrogate, which no value may hold",
              raw.get(section, key).origin(), section, key, bad));
    }
  }

  private String text(String section, String key) {
    return raw.get(section, key).text();
  }

  private String nonBlank(String section, String key) {
    String s = text(section, key);
    if (s.isBlank()) {
      throw invalid(section, key, s, "a value");
    }
    return s;
  }

  private String queueName(String section, String key, String value) {
    if (!QUEUE.matcher(value).matches()) {
      throw invalid(section, key, value, "queue names of letters, digits, '_', '.' or '-'");
    }
    return value;
  }

  /** [database] processor_table, short enough in PostgreSQL for the names derived from it. */
  private String processorTable(boolean postgres) {
    String name = identifier("database", "processor_table");
    int max = Settings.Database.POSTGRES_PROCESSOR_TABLE_MAX;
    if (postgres && name.length() > max) {
      throw invalid(
          "database",
          "processor_table",
          name,
          "at most "
              + max
              + " characters with PostgreSQL, which cuts to 63 bytes the names an import derives"
              + " from it (the longest adds _import_rejects_file)");
    }
    return name;
  }

  private String identifier(String section, String key) {
    String s = text(section, key);
    if (!IDENTIFIER.matcher(s).matches()) {
      throw invalid(section, key, s, "a SQL identifier (letters, digits, underscore)");
    }
    return s;
  }

  private int integer(String section, String key, int min, int max) {
    return parse(
        section,
        key,
        "a whole number from " + min + " to " + max,
        s -> {
          int n = Integer.parseInt(s);
          if (n < min || n > max) {
            throw new IllegalArgumentException();
          }
          return n;
        });
  }

  private Duration seconds(String section, String key, int min, int max) {
    return Duration.ofSeconds(integer(section, key, min, max));
  }

  /**
   * A yes/no key. The INI tradition (Python's configparser) also reads yes/no, on/off and 1/0, and
   * so does this; the error lists every spelling, so what it says is exactly what is accepted.
   */
  private boolean bool(String section, String key) {
    return parse(
        section,
        key,
        "true or false (also yes/no, on/off, 1/0; letters in any case)",
        s ->
            switch (s.toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on", "1" -> true;
              case "false", "no", "off", "0" -> false;
              default -> throw new IllegalArgumentException();
            });
  }

  private ZoneId zone(String section, String key) {
    return parse(section, key, "a time zone id such as UTC or Europe/Berlin", ZoneId::of);
  }

  /** account:zone pairs, each account once; the zone is all after the account's first ':'. */
  private Map<String, ZoneId> accountZones(String section, String key) {
    Map<String, ZoneId> zones = new LinkedHashMap<>();
    for (String entry : list(section, key)) {
      int colon = entry.indexOf(':');
      String account = colon < 0 ? "" : entry.substring(0, colon).strip();
      ZoneId zone;
      try {
        zone = account.isEmpty() ? null : ZoneId.of(entry.substring(colon + 1).strip());
      } catch (DateTimeException e) {
        zone = null;
      }
      if (zone == null) {
        throw invalid(
            section,
            key,
            Masking.printable(entry),
            "merchant account:time zone id pairs separated by commas, such as"
                + " ShopCN:Asia/Shanghai");
      }
      if (zones.put(account, zone) != null) {
        throw invalid(section, key, Masking.printable(account), "each merchant account once");
      }
    }
    return zones;
  }

  /** {@code section}'s timezone, or [reconciliation] timezone when that is empty. */
  private ZoneId zoneOrReconciliations(String section) {
    return text(section, "timezone").isBlank()
        ? zone("reconciliation", "timezone")
        : zone(section, "timezone");
  }

  private Path path(String section, String key) {
    return parse(
        section,
        key,
        "a file system path",
        s -> {
          if (s.isBlank()) {
            throw new IllegalArgumentException();
          }
          return Path.of(s);
        });
  }

  private <E extends Enum<E>> E choice(String section, String key, Class<E> type) {
    List<String> names =
        Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    return parse(
        section,
        key,
        "one of " + String.join(", ", names),
        s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT)));
  }

  private List<String> list(String section, String key) {
    return Arrays.stream(text(section, key).split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private <T> T parse(String section, String key, String expected, Function<String, T> parser) {
    String s = text(section, key);
    try {
      return parser.apply(s);
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
      throw invalid(section, key, s, expected);
    }
  }

  private ConfigException invalid(String section, String key, String value, String expected) {
    return new ConfigException(
        raw.get(section, key).origin()
            + ": ["
            + section
            + "] "
            + key
            + " = '"
            + value
            + "' is invalid: expected "
            + expected);
  }
}
