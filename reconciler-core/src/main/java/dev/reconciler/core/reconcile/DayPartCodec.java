package dev.reconciler.core.reconcile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.SourceStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A {@link DayPart} as bytes, for a part reconciled on one worker and merged on another: gzipped
 * JSON with every amount as its exact decimal text. The bytes come back from a database other hosts
 * can write, so reading is strict: every field present, no unknown ones, amounts of a size money
 * can have; anything else is {@link IllegalArgumentException}.
 */
public final class DayPartCodec {
  /**
   * Layout version written into every part; a part of another version is refused (the merge then
   * reads the day itself). 2 added the carried ids' digest; 3 took it out again, with every unpaid
   * sale of the part in {@code unpaid}; 4 gave a rejected row its file; 5 the rows it stands for.
   */
  static final int VERSION = 5;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(
              new SimpleModule().addSerializer(BigDecimal.class, ToStringSerializer.instance))
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private static final TypeReference<Stored> TYPE = new TypeReference<>() {};

  /** What is written: the part and the layout it was written in. */
  private record Stored(int version, DayPart part) {}

  private DayPartCodec() {}

  /** The part's bytes. */
  public static byte[] encode(DayPart part) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
      JSON.writeValue(out, new Stored(VERSION, part));
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a day part", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The part {@link #encode} wrote.
   *
   * @throws IllegalArgumentException for bytes that are not a sound part of this layout
   */
  public static DayPart decode(byte[] bytes) {
    Stored stored;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
      stored = JSON.readValue(in, TYPE);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a stored day part: " + e.getMessage(), e);
    }
    if (stored == null || stored.version() != VERSION) {
      throw new IllegalArgumentException(
          "not a day part of layout "
              + VERSION
              + (stored == null ? "" : " (layout " + stored.version() + ")"));
    }
    DayPart part = stored.part();
    check(part != null, "no part");
    check(
        part.sameDay() != null
            && part.unpaid() != null
            && part.rejected() != null
            && part.salesTotals() != null
            && part.processorTotals() != null,
        "a list or total missing");
    part.sameDay().forEach(DayPartCodec::check);
    part.unpaid().forEach(t -> check(t != null && sound(t), "an unpaid sale missing fields"));
    part.rejected().forEach(DayPartCodec::check);
    check(part.sales(), "sales");
    check(part.processor(), "processor");
    check(part.salesTotals());
    check(part.processorTotals());
    check(part.matched() >= 0 && part.unsettled() >= 0, "a negative count");
    return part;
  }

  private static void check(Discrepancy d) {
    check(
        d != null
            && d.kind() != null
            && d.transactionId() != null
            && (d.sale() != null || d.processor() != null)
            && (d.sale() == null || sound(d.sale()))
            && (d.processor() == null || sound(d.processor()))
            && (d.difference() == null || sane(d.difference())),
        "a discrepancy missing fields");
  }

  private static void check(RejectedRow r) {
    check(r != null && r.source() != null && r.reason() != null, "a rejected row missing fields");
  }

  private static void check(SourceStats s, String side) {
    check(
        s != null
            && s.source() != null
            && s.rowsRead() >= 0
            && s.rejected() >= 0
            && s.exactDuplicates() >= 0
            && s.conflictingDuplicates() >= 0
            && s.accepted() >= 0,
        "the " + side + " counts missing or negative");
  }

  private static void check(Map<String, BigDecimal> totals) {
    totals.forEach((currency, amount) -> check(currency != null && sane(amount), "a bad total"));
  }

  private static boolean sound(Txn t) {
    return t.source() != null
        && t.transactionId() != null
        && sane(t.amount())
        && t.currency() != null
        && (t.fee() == null || sane(t.fee()));
  }

  /** An amount of a size money can have (not a billion digits someone wrote into the table). */
  private static boolean sane(BigDecimal amount) {
    return amount != null && Math.abs(amount.scale()) <= 20 && amount.precision() <= 60;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("not a sound day part: " + what);
    }
  }
}
