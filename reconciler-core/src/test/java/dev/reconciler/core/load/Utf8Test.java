package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void stripsExactlyTheBlankCodePointsFromBytesAsFromStrings() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
        continue;
      }
      String c = new String(Character.toChars(cp));
      String padded = c + "x" + c + c;
      byte[] b = padded.getBytes(UTF_8);
      int start = Utf8.stripStart(b, 0, b.length);
      int end = Utf8.stripEnd(b, start, b.length);
      String expected = Utf8.isBlank(cp) ? "x" : padded;
      assertThat(Utf8.decode(b, start, end)).as("U+%04X", cp).isEqualTo(expected);
      assertThat(Utf8.strip(padded)).as("U+%04X", cp).isEqualTo(expected);
    }
  }

  @Test
  void countsJavaWhitespaceSpaceSeparatorsAndTheTwoInvisibleCharactersAsBlank() {
    for (int cp :
        new int[] {' ', '\t', '\n', '\r', 0x0b, 0x0c, 0x1f, 0xa0, 0x2007, 0x202f, 0x3000}) {
      assertThat(Utf8.isBlank(cp)).as("U+%04X", cp).isTrue();
    }
    assertThat(Utf8.isBlank(0x200b)).isTrue();
    assertThat(Utf8.isBlank(0xfeff)).isTrue();
    for (int cp : new int[] {'x', '0', 0x00, 0x85, 0x200c, 0x200d, 0x2060, 0xad}) {
      assertThat(Utf8.isBlank(cp)).as("U+%04X", cp).isFalse();
    }
  }

  @Test
  void neverTakesMalformedOrOverlongBytesForABlank() {
    byte[][] notBlank = {
      {(byte) 0xc2}, // a lead byte without its continuation
      {(byte) 0xe3, (byte) 0x80}, // U+3000 cut short
      {(byte) 0xc0, (byte) 0xa0}, // an overlong ' '
      {(byte) 0xe0, (byte) 0x80, (byte) 0xa0}, // another overlong ' '
      {(byte) 0x80, (byte) 0x80, (byte) 0x80}, // continuation bytes only
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // an encoded surrogate
    };
    for (byte[] b : notBlank) {
      assertThat(Utf8.stripStart(b, 0, b.length)).isZero();
      assertThat(Utf8.stripEnd(b, 0, b.length)).isEqualTo(b.length);
    }
  }
}
