package dev.reconciler.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
  void readsADecimalFromItsBytesAsBigDecimalReadsItsText() {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "1.29",
                "-1234.50",
                "100",
                "0",
                "0.00",
                "-0.0001",
                ".5",
                "1.",
                "999999999999999999",
                "1234567890123456789",
                "-12345678901234.5678",
                "1E+3",
                "+7",
                "12.3.4x"));
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      texts.add(
          BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, random.nextInt(5))
              .toPlainString());
    }
    for (String text : texts) {
      byte[] page = ("x" + text + "y").getBytes(StandardCharsets.UTF_8);
      BigDecimal expected;
      try {
        expected = new BigDecimal(text);
      } catch (NumberFormatException e) {
        assertThrows(
            NumberFormatException.class, () -> PackedPages.decimal(page, 1, page.length - 1), text);
        continue;
      }
      // equals: the same digits and the same scale.
      assertEquals(expected, PackedPages.decimal(page, 1, page.length - 1), text);
    }
  }

  @Test
  void refusesAPageWhoseValuesHoldASeparator() {
    assertNull(PackedPages.split(page("a,b,c,d|e,f,g"), 2, 3), "a field separator too many");
    assertNull(PackedPages.split(page("a,b|c|d,e,f"), 2, 3), "a row separator inside a row");
    assertNull(PackedPages.split(page("a,b,c|d,e,f|"), 2, 3), "a row too many");
    assertNull(PackedPages.split(page("a,b,c"), 2, 3), "a row too few");
  }
}
