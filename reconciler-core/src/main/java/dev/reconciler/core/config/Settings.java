package dev.reconciler.core.config;

import dev.reconciler.core.domain.Status;
import dev.reconciler.core.imports.CsvMapping;
import dev.reconciler.core.imports.DecimalMark;
import dev.reconciler.core.imports.ImportFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The whole validated configuration: config.ini plus RECONCILER_* environment overrides. */
public record Settings(
    String origin,
    Paths paths,
    Database database,
    Report report,
    Reports reports,
    Reconciliation reconciliation,
    Fees fees,
    Logging logging,
    Redis redis,
    Schedule schedule,
    Email email,
    Worker worker,
    Map<String, TaskSettings> tasks,
    Imports imports,
    Web web) {

  /**
   * [paths]: where data, reports, logs and the outbox live.
   *
   * @param allowedRoots directories besides data_dir where a queued task may name its database,
   *     report directory or import file
   * @param runsDatabase where runs are recorded; null records each run in its input database. Only
   *     configuration sets it: a queued task cannot name it.
   */
  public record Paths(
      Path dataDir,
      Path database,
      Path reportDir,
      Path logDir,
      Path outboxDir,
      List<Path> allowedRoots,
      Path runsDatabase) {}

  /**
   * [database]: the input contract's table names, lock waiting, and where the input tables are.
   *
   * @param postgresUrl the jdbc:postgresql: URL holding the input tables, or null when they are in
   *     the SQLite file of [paths] database
   * @param user the PostgreSQL user, blank for the driver's default
   * @param password the PostgreSQL password, blank for none; never printed
   * @param poolSize the most pooled PostgreSQL sessions a process keeps per URL and user
   */
  public record Database(
      String salesTable,
      String processorTable,
      int busyTimeoutMs,
      String postgresUrl,
      String user,
      String password,
      int poolSize) {
    /** [database] pool_size's default. */
    public static final int DEFAULT_POOL_SIZE = 32;

    /**
     * The most pooled sessions one run holds at once (its inputs read on two threads, counted in
     * ShardedReconcileIT and LedgerReconcileIT): pool_size's floor, per task a worker runs at once.
     */
    public static final int SESSIONS_PER_RUN = 4;

    /**
     * The longest processor table name PostgreSQL takes with the names an import derives from it:
     * it cuts a name to 63 bytes, and two derived names cut alike (a 56-character table's {@code
     * _imports} and {@code _import_rejects}) would be one table. Its longest derived name is {@code
     * <table>_import_rejects_file}; PgProcessorImporterTest fails if a longer one appears.
     */
    public static final int POSTGRES_PROCESSOR_TABLE_MAX = 63 - "_import_rejects_file".length();

    /** The SQLite-only settings, the input tables in [paths] database. */
    public Database(String salesTable, String processorTable, int busyTimeoutMs) {
      this(salesTable, processorTable, busyTimeoutMs, null, "", "");
    }

    /** These settings with the default pool size. */
    public Database(
        String salesTable,
        String processorTable,
        int busyTimeoutMs,
        String postgresUrl,
        String user,
        String password) {
      this(
          salesTable,
          processorTable,
          busyTimeoutMs,
          postgresUrl,
          user,
          password,
          DEFAULT_POOL_SIZE);
    }

    /** Whether the input tables are in PostgreSQL. */
    public boolean postgres() {
      return postgresUrl != null;
    }

    /** The PostgreSQL URL as messages may show it: no user information, no password. */
    public String shownUrl() {
      return postgresUrl == null ? "" : Masking.jdbcUrl(postgresUrl);
    }

    /**
     * Where the input tables are, as messages show it: the masked URL on PostgreSQL, else {@code
     * sqliteFile} (the SQLite file a command was given).
     */
    public String shown(Path sqliteFile) {
      return postgres() ? shownUrl() : String.valueOf(sqliteFile);
    }

    @Override
    public String toString() {
      return "Database[salesTable="
          + salesTable
          + ", processorTable="
          + processorTable
          + ", busyTimeoutMs="
          + busyTimeoutMs
          + ", url="
          + shownUrl()
          + ", user="
          + user
          + ", password="
          + Masking.secret(password)
          + ", poolSize="
          + poolSize
          + "]";
    }
  }

  /** [report]: file name pattern, sheets and sheet size. */
  public record Report(String filePattern, List<String> sheets, int maxRowsPerSheet) {
    /** The report file name for a business date. */
    public String fileName(LocalDate date) {
      return filePattern.replace("{date}", date.toString());
    }
  }

  /**
   * [report]: where every run's workbook is kept and for how long.
   *
   * @param keepDays 0 keeps every workbook forever
   */
  public record Reports(ReportStore store, int keepDays) {}

  /** Where workbooks are kept: each host's report_dir only, or also in the run store's database. */
  public enum ReportStore {
    FILES,
    DATABASE
  }

  /**
   * [reconciliation]: matching key, tolerance, business-day zone, status and currency rules, how
   * many days an unmatched item may stay in transit before it is reported missing, and how many
   * days of the ledger's history each run keeps.
   *
   * @param ledgerKeepDays 0 keeps the ledger's history forever; else each run prunes it before its
   *     date less this many days
   */
  public record Reconciliation(
      String matchKey,
      BigDecimal amountTolerance,
      ZoneId timezone,
      Map<String, Status> statuses,
      Set<String> currencies,
      int settlementWindowDays,
      int ledgerKeepDays,
      int shards) {}

  /**
   * [reconciliation] shards = auto: the day whole when it fits the heap, else in the fewest parts
   * that do (see the reconcile's heap check).
   */
  public static final int AUTO_SHARDS = 0;

  /**
   * [fees]: what the Fees rule expects a payment's fee to be.
   *
   * @param rateCard per upper-case currency code; a currency not in it gets no rate check
   * @param tolerance largest absolute difference between a fee and its rate-card price still fine
   */
  public record Fees(Map<String, Rate> rateCard, BigDecimal tolerance) {}

  /**
   * One currency's price: {@code percent} of the gross plus {@code fixed}, e.g. 2.9% + 0.30.
   *
   * @param percent 2.9 for 2.9%
   */
  public record Rate(BigDecimal percent, BigDecimal fixed) {
    /**
     * The fee for a gross, rounded half-up to {@code digits} decimals (the currency's minor unit).
     */
    public BigDecimal fee(BigDecimal gross, int digits) {
      return gross
          .multiply(percent)
          .movePointLeft(2)
          .add(fixed)
          .setScale(digits, RoundingMode.HALF_UP);
    }
  }

  /** [logging]: level and rolling file. */
  public record Logging(String level, String file, String maxFileSize, int maxHistory) {}

  /**
   * [redis]: broker and result backend connection.
   *
   * @param url validated at load: "embedded", empty, or a {@link RedisUrl}
   * @param verifyHostname for rediss://, whether the certificate must name the URL's host
   */
  public record Redis(String url, String namespace, int timeoutMs, boolean verifyHostname) {
    /** True when the process should start its own embedded Redis. */
    public boolean embedded() {
      return embedded(url);
    }

    /** True when a [redis] url value asks for an embedded Redis. */
    static boolean embedded(String url) {
      return url.isBlank() || url.equalsIgnoreCase("embedded");
    }

    @Override
    public String toString() {
      return "Redis[url="
          + Masking.url(url)
          + ", namespace="
          + namespace
          + ", timeoutMs="
          + timeoutMs
          + ", verifyHostname="
          + verifyHostname
          + "]";
    }
  }

  /** [schedule]: when the daily reconcile is enqueued. */
  public record Schedule(String cron, ZoneId timezone, Misfire misfire, int catchUpHours) {}

  /** What a starting scheduler does with a fire time it missed. */
  public enum Misfire {
    FIRE_ONCE,
    SKIP
  }

  /** [email]: SMTP and alert policy. */
  public record Email(
      String host,
      int port,
      Tls tls,
      String user,
      String password,
      String from,
      List<String> to,
      String subjectPrefix,
      boolean attachReport,
      long attachMaxBytes,
      int discrepancyThreshold) {

    /** True when alerts go to SMTP rather than the outbox directory. */
    public boolean smtpConfigured() {
      return !host.isBlank();
    }

    @Override
    public String toString() {
      return "Email[host="
          + host
          + ", port="
          + port
          + ", tls="
          + tls
          + ", user="
          + user
          + ", password="
          + Masking.secret(password)
          + ", from="
          + from
          + ", to="
          + to
          + ", subjectPrefix="
          + subjectPrefix
          + ", attachReport="
          + attachReport
          + ", attachMaxBytes="
          + attachMaxBytes
          + ", discrepancyThreshold="
          + discrepancyThreshold
          + "]";
    }
  }

  /** SMTP transport security. */
  public enum Tls {
    NONE,
    STARTTLS,
    SMTPS
  }

  /**
   * [worker]: queues, concurrency, shutdown grace, heartbeats, result expiry, and how many times a
   * job's worker may die under it before the job fails instead of running again.
   */
  public record Worker(
      List<String> queues,
      int concurrency,
      Duration shutdownGrace,
      Duration heartbeat,
      Duration heartbeatTtl,
      Duration resultExpiry,
      int maxRedeliveries) {
    /** The most tasks one worker process runs at once: [worker] concurrency, worker -c. */
    public static final int MAX_CONCURRENCY = 64;

    /** What a queue name may hold: [worker] queues, [tasks] *_queue, worker -Q. */
    public static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  }

  /** [tasks]: per task queue, retries, backoff and time limit. */
  public record TaskSettings(
      String queue,
      int maxRetries,
      Duration backoffBase,
      Duration backoffMax,
      Duration timeLimit) {}

  /**
   * [import.stripe], [import.adyen], [import.paypal] and [import.csv]: where each export format
   * keeps our transaction id, the generic format's column mapping, and the zones the files' times
   * are in.
   *
   * @param adyenTimezone [import.adyen] timezone, or [reconciliation] timezone when that is empty
   * @param adyenTimezoneSet whether [import.adyen] timezone was given (not empty)
   * @param adyenAccountTimezones [import.adyen] account_timezones: the zone of each merchant
   *     account it names, which its rows are read in instead of adyenTimezone
   * @param stripeTimezone [import.stripe] timezone: the zone of a Stripe report's "created" column
   * @param csvTimezone [import.csv] timezone, or [reconciliation] timezone when that is empty: how
   *     the generic format reads a time without an offset
   * @param stripeDecimals [import.stripe] decimal_separator: the report's own decimal_separator
   */
  public record Imports(
      String stripeTransactionIdColumn,
      String adyenTransactionIdColumn,
      String paypalTransactionIdColumn,
      CsvMapping csv,
      ZoneId adyenTimezone,
      boolean adyenTimezoneSet,
      Map<String, ZoneId> adyenAccountTimezones,
      ZoneId stripeTimezone,
      ZoneId csvTimezone,
      DecimalMark stripeDecimals) {

    public Imports {
      adyenAccountTimezones = Map.copyOf(adyenAccountTimezones);
    }

    /** The header name of the column holding our transaction id in files of {@code format}. */
    public String transactionIdColumn(ImportFormat format) {
      return switch (format) {
        case STRIPE -> stripeTransactionIdColumn;
        case ADYEN -> adyenTransactionIdColumn;
        case PAYPAL -> paypalTransactionIdColumn;
        case CSV -> csv.transactionIdColumn();
      };
    }
  }

  /**
   * [web]: the console's address, users, TLS and whether /metrics needs a login.
   *
   * @param port 0 takes a free port
   * @param tlsKeystore a PKCS12 file, or null for plain HTTP
   */
  public record Web(
      String host,
      int port,
      List<WebUser> users,
      Path tlsKeystore,
      String tlsKeystorePassword,
      boolean metricsAuth,
      Duration session,
      int refreshSeconds) {

    /** The user with this name, or null. */
    public WebUser user(String name) {
      return users.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public String toString() {
      return "Web[host="
          + host
          + ", port="
          + port
          + ", users="
          + users
          + ", tlsKeystore="
          + tlsKeystore
          + ", tlsKeystorePassword="
          + Masking.secret(tlsKeystorePassword)
          + ", metricsAuth="
          + metricsAuth
          + ", session="
          + session
          + ", refreshSeconds="
          + refreshSeconds
          + "]";
    }
  }

  /** What a console user may do: read (viewer), or also act (operator). */
  public enum WebRole {
    VIEWER,
    OPERATOR
  }

  /** A console user: name, role and password hash. */
  public record WebUser(String name, WebRole role, PasswordHash hash) {}
}
