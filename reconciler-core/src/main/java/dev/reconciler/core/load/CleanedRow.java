package dev.reconciler.core.load;

import dev.reconciler.core.domain.Status;
import java.util.Arrays;

/**
 * What {@link Cleaner#clean(dev.reconciler.core.store.RowFields, CleanedRow)} makes of a row,
 * reused for every row of a load so cleaning allocates nothing; the id is kept as UTF-8 bytes.
 */
final class CleanedRow {
  private byte[] id = new byte[64];
  private int idLength;
  long amount;
  String currency;
  Status status;
  long epochMillis;
  long fee;

  /** The id's {@link IdIndex#hash}, set by {@link LoadedSide#acceptAll}. */
  int idHash;

  byte[] idBytes() {
    return id;
  }

  int idLength() {
    return idLength;
  }

  String id() {
    return Utf8.decode(id, 0, idLength);
  }

  void setId(byte[] bytes, int from, int to) {
    ensure(to - from);
    System.arraycopy(bytes, from, id, 0, to - from);
    idLength = to - from;
  }

  /** Sets the id to an ASCII range, upper-cased. */
  void setAsciiIdUpperCase(byte[] bytes, int from, int to) {
    ensure(to - from);
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      id[i - from] = b >= 'a' && b <= 'z' ? (byte) (b - ('a' - 'A')) : b;
    }
    idLength = to - from;
  }

  private void ensure(int length) {
    if (length > id.length) {
      id = Arrays.copyOf(id, Math.max(length, id.length * 2));
    }
  }

  CleanRow toCleanRow() {
    return new CleanRow(id(), amount, currency, status, epochMillis, fee, null);
  }
}
