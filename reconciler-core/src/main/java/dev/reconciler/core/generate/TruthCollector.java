package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.generate.GroundTruth.Finding;
import dev.reconciler.core.generate.GroundTruth.Rejection;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.match.DiscrepancyKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Derives the ground truth from plans, applying the reconciler's rules to what was planned. */
final class TruthCollector {
  private final Ids ids;

  /** The export's format, or null for a database. */
  private final ImportFormat format;

  /** Kinds only an export file has, in report order after the matcher's kinds. */
  static final String REFUND = "refund";

  static final String CHARGEBACK = "chargeback";
  static final String FEE = "fee";
  static final String PAYOUT = "payout";

  /** Kinds only a processor export can carry; a database's truth has none of them. */
  static final Set<String> EXPORT_KINDS = Set.of(REFUND, CHARGEBACK, FEE, PAYOUT);

  /** By kind id, in report order: DiscrepancyKind's, then the export kinds it does not have yet. */
  private final Map<String, List<Finding>> findings = new LinkedHashMap<>();

  private final Map<Source, List<Rejection>> rejected = new EnumMap<>(Source.class);
  private final long[] exactDuplicates = new long[Source.values().length];
  private final long[] conflictingDuplicates = new long[Source.values().length];
  private final List<ExportTruth.Chargeback> chargebacks = new ArrayList<>();
  private long matched;
  private long unsettled;

  TruthCollector(Ids ids, ImportFormat format) {
    this.ids = ids;
    this.format = format;
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      findings.put(kind.id(), new ArrayList<>());
    }
    for (String kind : List.of(REFUND, CHARGEBACK, FEE)) {
      findings.putIfAbsent(kind, new ArrayList<>());
    }
    for (Source source : Source.values()) {
      rejected.put(source, new ArrayList<>());
    }
  }

  /** Called in index order, which is transaction-id order. */
  void add(Plan p) {
    switch (p.category) {
      case MATCHED, WITHIN_TOLERANCE, DIRTY -> matchedPair(p);
      case DUPLICATE_ID -> duplicateId(p);
      case UNSETTLED_SALE -> unsettled++;
      case MISSING_IN_PROCESSOR -> pairFinding(DiscrepancyKind.MISSING_IN_PROCESSOR, p);
      case MISSING_IN_SALES -> pairFinding(DiscrepancyKind.MISSING_IN_SALES, p);
      case AMOUNT_MISMATCH -> pairFinding(DiscrepancyKind.AMOUNT_MISMATCH, p);
      case FAILED_PAYMENT -> pairFinding(DiscrepancyKind.FAILED_PAYMENT, p);
      case CURRENCY_MISMATCH -> pairFinding(DiscrepancyKind.CURRENCY_MISMATCH, p);
      case REFUND_UNKNOWN_SALE -> refund(p);
      case REFUND_NOT_RECORDED, REFUND_EXCEEDS_SALE -> {
        matched++;
        refund(p);
      }
      case CHARGEBACK, CHARGEBACK_WON -> {
        matched++;
        processorFinding(CHARGEBACK, p, p.processorMinor);
        chargeback(p);
      }
      case FEE_NET_MISMATCH, FEE_OFF_CARD -> {
        matched++;
        processorFinding(FEE, p, p.processorMinor);
      }
      case REFUNDED_CLEAN -> matched++;
      case LATE_SETTLEMENT, PROCESSOR_FIRST, LATE_AMOUNT_MISMATCH, LATE_CAPTURE ->
          throw new IllegalStateException("a late transaction is the ledger's: " + p.category);
    }
  }

  /** An unpaid sale without a processor row on this day that the ledger keeps for a later one. */
  void keptUnpaid() {
    unsettled++;
  }

  /** An open item that went missing on this day: the one row the ledger holds of id. */
  void missing(Source side, String id, Plan p) {
    boolean sales = side == Source.SALES;
    DiscrepancyKind kind =
        sales ? DiscrepancyKind.MISSING_IN_PROCESSOR : DiscrepancyKind.MISSING_IN_SALES;
    finding(kind, id, p, sales, !sales);
  }

  /** A pair completed across days that disagrees: reported on the day it cleared. */
  void latePair(DiscrepancyKind kind, String id, Plan p) {
    finding(kind, id, p, true, true);
  }

  private void chargeback(Plan p) {
    boolean won = p.category == Category.CHARGEBACK_WON;
    long[] totals = ExportRows.disputeTotals(p, format);
    chargebacks.add(
        new ExportTruth.Chargeback(
            ids.transaction(p.index),
            p.processorCurrency.name(),
            Amounts.plain(p.processorMinor, p.processorCurrency),
            won,
            p.secondChargeback ? "lost" : won ? "won" : "open",
            Amounts.plain(totals[0], p.processorCurrency),
            Amounts.plain(totals[1], p.processorCurrency)));
  }

  /** The sale's amount (none for an unknown sale) and the refunds' total. */
  private void refund(Plan p) {
    String sale = p.category.hasSale() ? Amounts.plain(p.saleMinor, p.saleCurrency) : null;
    String refunded = Amounts.plain(p.refundMinor + p.secondRefundMinor, p.processorCurrency);
    findings
        .get(REFUND)
        .add(
            new Finding(
                REFUND,
                ids.transaction(p.index),
                null,
                sale,
                refunded,
                p.processorCurrency.name()));
  }

  private void processorFinding(String kind, Plan p, long minor) {
    String sale = Amounts.plain(p.saleMinor, p.saleCurrency);
    String amount = Amounts.plain(minor, p.processorCurrency);
    findings
        .get(kind)
        .add(
            new Finding(
                kind, ids.transaction(p.index), null, sale, amount, p.processorCurrency.name()));
  }

  /** Rows are written per table in rowid order, so each list stays sorted by line. */
  void rejected(Source side, long line, Defect defect) {
    rejected.get(side).add(new Rejection(name(side), line, defect.id()));
  }

  GroundTruth build(GenerationSpec spec, long salesRows, long processorRows) {
    return build(spec, salesRows, processorRows, null);
  }

  /** The truth of an export: the file's counts and payouts, and every sheet's ids. */
  GroundTruth build(GenerationSpec spec, long salesRows, String file, ExportFile.Written written) {
    Map<String, List<String>> sheets = new LinkedHashMap<>();
    findings.forEach(
        (kind, list) -> {
          TreeSet<String> sheetIds = new TreeSet<>();
          list.forEach(f -> sheetIds.add(f.transactionId()));
          sheets.put(kind, List.copyOf(sheetIds));
        });
    TreeSet<String> payoutIds = new TreeSet<>();
    written.payouts().stream()
        .filter(payout -> !payout.status().equals("ok"))
        .forEach(payout -> payoutIds.add(payout.payoutId()));
    sheets.put(PAYOUT, List.copyOf(payoutIds));
    ExportSpec export = spec.export();
    ExportTruth truth =
        new ExportTruth(
            export.format().id(),
            file,
            export.rateCard().spelling(),
            List.of(DiscrepancyKind.FAILED_PAYMENT.id()),
            written.importCounts(),
            List.copyOf(chargebacks),
            written.payouts(),
            sheets);
    return build(spec, salesRows, written.rows(), truth);
  }

  private GroundTruth build(
      GenerationSpec spec, long salesRows, long processorRows, ExportTruth export) {
    List<Finding> all = new ArrayList<>();
    for (List<Finding> kind : findings.values()) {
      // Findings arrive in id order within a day; a ledger's come from earlier days' ids too. The
      // sort is stable, so a duplicate group keeps its canonical row first.
      kind.sort(Comparator.comparing(Finding::transactionId));
      all.addAll(kind);
    }
    List<Rejection> rejections = new ArrayList<>(rejected.get(Source.SALES));
    rejections.addAll(rejected.get(Source.PROCESSOR));
    return new GroundTruth(
        spec.businessDate(),
        spec.seed(),
        spec.zone().getId(),
        spec.transactions(),
        salesRows,
        processorRows,
        matched,
        unsettled,
        perSource(exactDuplicates),
        perSource(conflictingDuplicates),
        all,
        rejections,
        export);
  }

  private void matchedPair(Plan p) {
    matched++;
    if (p.extra != null && p.extra.exactCopy()) {
      exactDuplicates[p.extra.side().ordinal()]++;
    }
  }

  /** The canonical row still matches; it and the conflicting row are both listed. */
  private void duplicateId(Plan p) {
    matched++;
    Source side = p.extra.side();
    conflictingDuplicates[side.ordinal()]++;
    boolean sales = side == Source.SALES;
    long canonical = sales ? p.saleMinor : p.processorMinor;
    CurrencyMix currency = sales ? p.saleCurrency : p.processorCurrency;
    for (long minor : new long[] {canonical, p.extra.minor()}) {
      String amount = Amounts.plain(minor, currency);
      findings
          .get(DiscrepancyKind.DUPLICATE_ID.id())
          .add(
              new Finding(
                  DiscrepancyKind.DUPLICATE_ID.id(),
                  ids.transaction(p.index),
                  name(side),
                  sales ? amount : null,
                  sales ? null : amount,
                  currency.name()));
    }
  }

  private void pairFinding(DiscrepancyKind kind, Plan p) {
    finding(kind, ids.transaction(p.index), p, p.category.hasSale(), p.category.hasProcessor());
  }

  private void finding(
      DiscrepancyKind kind, String id, Plan p, boolean hasSale, boolean hasProcessor) {
    String sale = hasSale ? Amounts.plain(p.saleMinor, p.saleCurrency) : null;
    String processor = hasProcessor ? Amounts.plain(p.processorMinor, p.processorCurrency) : null;
    CurrencyMix currency = hasSale ? p.saleCurrency : p.processorCurrency;
    findings.get(kind.id()).add(new Finding(kind.id(), id, null, sale, processor, currency.name()));
  }

  private static GroundTruth.PerSource perSource(long[] counts) {
    return new GroundTruth.PerSource(
        counts[Source.SALES.ordinal()], counts[Source.PROCESSOR.ordinal()]);
  }

  static String name(Source side) {
    return side.id();
  }
}
