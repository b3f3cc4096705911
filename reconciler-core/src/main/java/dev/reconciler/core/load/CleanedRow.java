package dev.reconciler.core.load;

import dev.reconciler.core.domain.Status;
import java.util.Arrays;

/**
 * What {@link Cleaner#clean(dev.reconciler.core.store.RowFields, CleanedRow)} makes of a row,
 * reused for every row of a load so cleaning allocates nothing; the id is kept as UTF-8 bytes.
 */
final class CleanedRow {
  /** Where ids that need changing are written; an id that needs none is read where it lies. */
  private byte[] own = new byte[64];

  private byte[] id = own;
  private int idFrom;
  private int idLength;
  long amount;
  String currency;
  Status status;
  long epochMillis;
  long fee;

  /** The id's {@link IdIndex#hash}, set by {@link LoadedSide#acceptAll}. */
  int idHash;

  /** The array holding the id, at {@link #idFrom()}; not to be written to. */
  byte[] idBytes() {
    return id;
  }

  int idFrom() {
    return idFrom;
  }

  int idLength() {
    return idLength;
  }

  String id() {
    return Utf8.decode(id, idFrom, idFrom + idLength);
  }

  /**
   * Sets the id to a range read where it lies, with no copy: the caller never changes those bytes
   * (a packed chunk is read once and dropped, not reused).
   */
  void setIdInPlace(byte[] bytes, int from, int to) {
    use(bytes, from, to - from);
  }

  /** Sets the id to a copy of a range with its ASCII letters upper-cased. */
  void setIdAsciiUpperCase(byte[] bytes, int from, int to) {
    ensure(to - from);
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      own[i - from] = b >= 'a' && b <= 'z' ? (byte) (b - ('a' - 'A')) : b;
    }
    use(own, 0, to - from);
  }

  private void use(byte[] bytes, int from, int length) {
    id = bytes;
    idFrom = from;
    idLength = length;
  }

  private void ensure(int length) {
    if (length > own.length) {
      own = Arrays.copyOf(own, Math.max(length, own.length * 2));
    }
  }

  CleanRow toCleanRow() {
    return new CleanRow(id(), amount, currency, status, epochMillis, fee, null);
  }
}
