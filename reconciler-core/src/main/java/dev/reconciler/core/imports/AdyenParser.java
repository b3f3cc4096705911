package dev.reconciler.core.imports;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Adyen's Settlement details report ({@code settlement_detail_report_batch_N.csv}), columns found
 * by name. Amounts are unsigned with the direction in the column (Debit or Credit), so each is
 * signed here from the merchant account's side; a payment's and a chargeback's fee is the sum of
 * the fee columns, any other row's fee is its gross minus its net.
 *
 * <p>A row whose gross and net currencies differ (Adyen converted it) is rejected: its gross, fee
 * and net would be in two currencies, and one row carries one. A row without gross cells (fee,
 * payout and transfer rows) has gross = net. The payout id is the Batch Number; the row key joins
 * merchant account, batch, type, PSP reference, modification reference and creation date (the date
 * separates two Fee rows of one batch, whose modification reference is their description).
 */
public final class AdyenParser implements ExportParser {
  static final String NET_DEBIT = "Net Debit (NC)";
  static final String NET_CREDIT = "Net Credit (NC)";
  static final String GROSS_DEBIT = "Gross Debit (GC)";
  static final String GROSS_CREDIT = "Gross Credit (GC)";
  private static final String[] FEE_COLUMNS = {
    "Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)"
  };

  private final String transactionIdColumn;
  private final Set<String> currencies;
  private final ZoneId accountZone;
  private final boolean zoneSet;
  private final Map<String, ZoneId> accountZones;

  /**
   * @param transactionIdColumn [import.adyen] transaction_id_column
   * @param currencies [reconciliation] currencies (upper case; empty: any ISO-4217 code)
   * @param account [import.adyen] timezone: the zone the account's reports are written in
   * @param set whether that was set, rather than [reconciliation] timezone taken for it (see {@link
   *     AdyenZone})
   */
  public AdyenParser(
      String transactionIdColumn, Set<String> currencies, ZoneId account, boolean set) {
    this(transactionIdColumn, currencies, account, set, Map.of());
  }

  /**
   * As {@link #AdyenParser(String, Set, ZoneId, boolean)}, with {@code accountZones}
   * ([import.adyen] account_timezones) the zone of each merchant account it names: a report of
   * several accounts names each row's zone by its abbreviation, and CST is -06 for a Chicago
   * account but +08 for a Shanghai one.
   */
  public AdyenParser(
      String transactionIdColumn,
      Set<String> currencies,
      ZoneId account,
      boolean set,
      Map<String, ZoneId> accountZones) {
    this.transactionIdColumn = transactionIdColumn;
    this.currencies = Set.copyOf(currencies);
    this.accountZone = account;
    this.zoneSet = set;
    this.accountZones = Map.copyOf(accountZones);
  }

  @Override
  public void parse(Reader in, String sourceFile, RowSink sink) {
    List<FileRows> files = new ArrayList<>(1);
    ExportCsv.parse(
        in,
        sourceFile,
        sink,
        header -> {
          FileRows rows = new FileRows(header, sourceFile);
          files.add(rows);
          return rows;
        });
    files.forEach(rows -> rows.noteUnnamedAccounts(sink));
  }

  /** Accounts of a file not named in account_timezones it lists by name; the rest it counts. */
  static final int UNNAMED_LISTED = 10;

  /** One file's column indexes and per-file state. */
  private final class FileRows implements ExportCsv.RecordParser {
    private final Header header;
    private final String file;
    private final Currencies currencyCodes = new Currencies(currencies);
    private final AdyenZone zones = new AdyenZone(accountZone, zoneSet);

    /** The zone of each account [import.adyen] account_timezones names; the others use zones. */
    private final Map<String, AdyenZone> zonesByAccount = new HashMap<>();

    /**
     * Rows per account read in {@link #zones} although account_timezones names others: a new
     * account, or one misspelt there (names are matched exactly), whose times may be hours off.
     */
    private final Map<String, Long> unnamed = new TreeMap<>();

    private long unnamedBeyond;

    private final int account;
    private final int psp;
    private final int transactionId;
    private final int created;
    private final int zone;
    private final int type;
    private final int modification;
    private final int grossCurrency;
    private final int grossDebit;
    private final int grossCredit;
    private final int netCurrency;
    private final int netDebit;
    private final int netCredit;
    private final int batch;
    private final int[] fees = new int[FEE_COLUMNS.length];

    FileRows(Header header, String file) {
      this.header = header;
      this.file = file;
      Header.Columns c = header.columns();
      account = c.required("Merchant Account");
      psp = c.required("Psp Reference");
      transactionId = c.required(transactionIdColumn);
      created = c.required("Creation Date");
      zone = c.required("TimeZone");
      type = c.required("Type");
      modification = c.required("Modification Reference");
      grossCurrency = c.required("Gross Currency");
      grossDebit = c.required(GROSS_DEBIT);
      grossCredit = c.required(GROSS_CREDIT);
      netCurrency = c.required("Net Currency");
      netDebit = c.required(NET_DEBIT);
      netCredit = c.required(NET_CREDIT);
      batch = c.required("Batch Number");
      for (int i = 0; i < fees.length; i++) {
        fees[i] = c.required(FEE_COLUMNS[i]);
      }
      c.check();
    }

    /** Our transaction id's cell as written, for a rejection. */
    @Override
    public String rawId(ExportRecord r) {
      return header.alignedCell(r, transactionId);
    }

    /** A rejected row's creation time in its account's zone, for its day. */
    @Override
    public Instant at(ExportRecord r) {
      return header.readable(r, created, zone, account)
          ? instant(r, Cells.text(r, created), Cells.orNull(r, account), false)
          : null;
    }

    @Override
    public ProcessorRow parse(ExportRecord r) {
      header.checkRow(r);
      String rawType = Cells.required(r, type, "Type");
      RowType rowType = AdyenTypes.of(rawType);
      if (rowType == null) {
        throw new RowRejected("unknown row type " + Cells.quoted(rawType));
      }
      String id = Cells.transactionId(r, transactionId, rowType, transactionIdColumn);
      String code = currencyCodes.code(Cells.required(r, netCurrency, "Net Currency"));
      BigDecimal net = signed(r, netDebit, netCredit, NET_DEBIT, NET_CREDIT, code);
      BigDecimal gross = gross(r, rowType, code, net);
      BigDecimal fee =
          AdyenTypes.feeFromColumns(rawType)
              ? feeColumns(r, code)
              : Cells.difference(gross, net, "fee", code);
      String pspRef = Cells.unrounded(Cells.orNull(r, psp), "Psp Reference");
      String modRef = Cells.unrounded(Cells.orNull(r, modification), "Modification Reference");
      String batchNumber = Cells.orNull(r, batch);
      String merchantAccount = Cells.orNull(r, account);
      String createdText = Cells.text(r, created);
      return new ProcessorRow(
          key(merchantAccount, batchNumber, rawType, pspRef, modRef, createdText),
          rowType,
          rawType,
          id,
          gross,
          fee,
          net,
          code,
          instant(r, createdText, merchantAccount, true),
          batchNumber,
          merchantAccount,
          processorRef(rowType, pspRef, modRef),
          pspRef,
          ProcessorRow.SETTLED,
          file,
          r.getStartingLineNumber());
    }

    /**
     * A payment is known at Adyen by its PSP reference, which its refunds and disputes carry too
     * (their own reference is the modification's); a Settled row's modification reference names
     * only the capture. So a payment's reference is its link, and the index of links to other rows
     * need not hold every payment of every day.
     */
    private static String processorRef(RowType rowType, String pspRef, String modRef) {
      if (rowType == RowType.PAYMENT && pspRef != null) {
        return pspRef;
      }
      return modRef != null ? modRef : pspRef;
    }

    /**
     * The gross, signed. Rows about a payment must have one; others may carry only a net (a fee, a
     * payout, a transfer), which is then their gross too.
     */
    private BigDecimal gross(ExportRecord r, RowType rowType, String netCode, BigDecimal net) {
      boolean none = Cells.text(r, grossDebit).isEmpty() && Cells.text(r, grossCredit).isEmpty();
      // The types that need our id are those about one sale, whose amount is its gross.
      if (none && !rowType.needsTransactionId()) {
        return net;
      }
      String code = currencyCodes.code(Cells.required(r, grossCurrency, "Gross Currency"));
      if (!code.equals(netCode)) {
        throw new RowRejected(
            "gross currency "
                + code
                + " differs from net currency "
                + netCode
                + ": converted (FX) rows are not supported, one row holds one currency");
      }
      return signed(r, grossDebit, grossCredit, GROSS_DEBIT, GROSS_CREDIT, code);
    }

    private BigDecimal feeColumns(ExportRecord r, String code) {
      BigDecimal sum = BigDecimal.ZERO;
      for (int i = 0; i < fees.length; i++) {
        // Most of the four are empty on every row: no amount to parse or scale.
        String text = Cells.text(r, fees[i]);
        if (!text.isEmpty()) {
          sum = sum.add(Cells.amount(text, FEE_COLUMNS[i], code));
        }
      }
      // Four amounts each within range may add up beyond it.
      return Cells.difference(sum, BigDecimal.ZERO, "fee", code);
    }

    /** {@code counted}: the row is read for the first time, so an unnamed account counts it. */
    private Instant instant(
        ExportRecord r, String createdText, String merchantAccount, boolean counted) {
      return zones(merchantAccount, counted)
          .instant(Cells.required(r, zone, "TimeZone"), createdText);
    }

    private AdyenZone zones(String merchantAccount, boolean counted) {
      if (accountZones.isEmpty() || merchantAccount == null) {
        return zones;
      }
      ZoneId own = accountZones.get(merchantAccount);
      if (own == null) {
        if (!counted) {
          return zones;
        }
        if (unnamed.size() < UNNAMED_LISTED || unnamed.containsKey(merchantAccount)) {
          unnamed.merge(merchantAccount, 1L, Long::sum);
        } else {
          unnamedBeyond++;
        }
        return zones;
      }
      return zonesByAccount.computeIfAbsent(
          merchantAccount, a -> new AdyenZone(own, "[import.adyen] account_timezones " + a + ":"));
    }

    /**
     * Tells of the accounts whose rows were read in the default zone although account_timezones
     * names others, with a name there that differs only in case where there is one.
     */
    void noteUnnamedAccounts(RowSink sink) {
      if (unnamed.isEmpty()) {
        return;
      }
      StringJoiner accounts = new StringJoiner(", ");
      unnamed.forEach(
          (account, rows) -> {
            String like =
                accountZones.keySet().stream()
                    .filter(named -> named.equalsIgnoreCase(account))
                    .findFirst()
                    .map(named -> ", named there as " + named + "?")
                    .orElse("");
            accounts.add(account + " (" + rows + (rows == 1 ? " row" : " rows") + like + ")");
          });
      if (unnamedBeyond > 0) {
        accounts.add(unnamedBeyond + " rows of other accounts");
      }
      sink.note(
          "merchant accounts not named in [import.adyen] account_timezones, their rows read in "
              + accountZone
              + " ("
              + zones.settingName()
              + "): "
              + accounts
              + "; name each with its zone there if its reports are written in another");
    }
  }

  /**
   * The amount of a Debit/Credit column pair, negative for a debit. Exactly one cell holds it, and
   * unsigned: a sign there would say the direction twice, perhaps two different ways.
   */
  static BigDecimal signed(
      ExportRecord r, int debit, int credit, String debitName, String creditName, String code) {
    String debitText = Cells.text(r, debit);
    String creditText = Cells.text(r, credit);
    if (debitText.isEmpty() == creditText.isEmpty()) {
      throw new RowRejected(
          (debitText.isEmpty() ? "missing amount: neither " : "both ")
              + Cells.quoted(debitName)
              + (debitText.isEmpty() ? " nor " : " and ")
              + Cells.quoted(creditName)
              + (debitText.isEmpty() ? " has one" : " hold an amount"));
    }
    boolean isDebit = !debitText.isEmpty();
    String text = isDebit ? debitText : creditText;
    String name = isDebit ? debitName : creditName;
    char first = text.charAt(0);
    if (first == '-' || first == '+') {
      throw new RowRejected(name + " " + Cells.quoted(text) + " has a sign (expected unsigned)");
    }
    BigDecimal amount = Cells.amount(text, name, code);
    return isDebit ? amount.negate() : amount;
  }

  /** The parts joined by '|', each with '\' and '|' escaped so no two rows' parts join alike. */
  static String key(String... parts) {
    StringBuilder key = new StringBuilder(96);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        key.append('|');
      }
      String part = parts[i] == null ? "" : parts[i];
      for (int j = 0; j < part.length(); j++) {
        char c = part.charAt(j);
        if (c == '|' || c == '\\') {
          key.append('\\');
        }
        key.append(c);
      }
    }
    return key.toString();
  }
}
