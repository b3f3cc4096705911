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
  void countsJavaWhitespaceSpaceSeparatorsNextLineAndTheThreeInvisibleCharactersAsBlank() {
    for (int cp :
        new int[] {' ', '\t', '\n', '\r', 0x0b, 0x0c, 0x1f, 0xa0, 0x2007, 0x202f, 0x3000}) {
      assertThat(Utf8.isBlank(cp)).as("U+%04X", cp).isTrue();
    }
    assertThat(Utf8.isBlank(0x85)).as("NEL, Unicode White_Space but not Java whitespace").isTrue();
    assertThat(Utf8.isBlank(0x200b)).isTrue();
    assertThat(Utf8.isBlank(0x2060)).as("word joiner, the zero-width space's successor").isTrue();
    assertThat(Utf8.isBlank(0xfeff)).isTrue();
    // Joiners and the soft hyphen change how letters render inside a word: they are content.
    for (int cp : new int[] {'x', '0', 0x00, 0x200c, 0x200d, 0x2061, 0xad, 0x84, 0x86}) {
      assertThat(Utf8.isBlank(cp)).as("U+%04X", cp).isFalse();
    }
  }

  @Test
  void stripsNextLineAndWordJoinerAsTheirUtf8Bytes() {
    byte[] b = {
      (byte) 0xc2,
      (byte) 0x85,
      (byte) 0xe2,
      (byte) 0x81,
      (byte) 0xa0,
      'x',
      (byte) 0xe2,
      (byte) 0x81,
      (byte) 0xa0,
      (byte) 0xc2,
      (byte) 0x85
    };
    int start = Utf8.stripStart(b, 0, b.length);
    int end = Utf8.stripEnd(b, start, b.length);
    assertThat(start).isEqualTo(5);
    assertThat(end).isEqualTo(6);
    assertThat(Utf8.isBlank(b, 0, 5)).isTrue();
    assertThat(Utf8.isBlank(b, 6, b.length)).isTrue();
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
      {(byte) 0xe2, (byte) 0x81}, // U+2060 cut short
      {(byte) 0xe0, (byte) 0x82, (byte) 0x85}, // an overlong NEL
      {(byte) 0x85}, // NEL's continuation byte alone, as in Latin-1 text
    };
    for (byte[] b : notBlank) {
      assertThat(Utf8.stripStart(b, 0, b.length)).isZero();
      assertThat(Utf8.stripEnd(b, 0, b.length)).isEqualTo(b.length);
    }
  }
}
