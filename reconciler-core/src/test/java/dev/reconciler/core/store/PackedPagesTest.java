package dev.reconciler.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PackedPagesTest {
  private static byte[] page(String text) {
    return text.replace('|', (char) PackedPages.ROW_SEPARATOR)
        .replace(',', (char) PackedPages.FIELD_SEPARATOR)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void splitsRowsOfValuesEmptyOnesIncluded() {
    byte[] page = page("a,bc,|,d,");
    assertArrayEquals(
        new int[] {0, 1, 2, 4, 5, 5, 6, 6, 7, 8, 9, 9}, PackedPages.split(page, 2, 3));
  }

  @Test
  void refusesAPageWhoseValuesHoldASeparator() {
    assertNull(PackedPages.split(page("a,b,c,d|e,f,g"), 2, 3), "a field separator too many");
    assertNull(PackedPages.split(page("a,b|c|d,e,f"), 2, 3), "a row separator inside a row");
    assertNull(PackedPages.split(page("a,b,c|d,e,f|"), 2, 3), "a row too many");
    assertNull(PackedPages.split(page("a,b,c"), 2, 3), "a row too few");
  }
}
