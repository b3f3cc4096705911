package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCacheTest {
  private final List<String> computed = new ArrayList<>();
  private final TextCache<String> cache =
      new TextCache<>(
          text -> {
            computed.add(text);
            return text.equals("none") ? null : "<" + text + ">";
          });

  private String get(String text) {
    // Inside a larger buffer, as a value of a row is.
    byte[] bytes = ("..." + text + "..").getBytes(UTF_8);
    return cache.get(bytes, 3, bytes.length - 2);
  }

  @Test
  void computesEachTextOnceNullAnswersIncluded() {
    for (int i = 0; i < 3; i++) {
      assertEquals("<a>", get("a"));
      assertEquals("<bb>", get("bb"));
      assertNull(get("none"));
      assertEquals("<b>", get("b"));
    }
    assertEquals(List.of("a", "bb", "none", "b"), computed);
  }

  @Test
  void pastItsFirstTextsItKeepsTheLatestSoARunOfALateTextIsComputedOnce() {
    for (int i = 0; i < 100; i++) {
      for (int repeat = 0; repeat < 3; repeat++) {
        assertEquals("<d" + i + ">", get("d" + i));
      }
    }
    assertEquals(100, computed.size());
    // The first ones are still kept; one met after them is computed again.
    assertEquals("<d0>", get("d0"));
    assertEquals("<d62>", get("d62"));
    assertEquals(100, computed.size());
    assertEquals("<d70>", get("d70"));
    assertEquals(101, computed.size());
  }
}
