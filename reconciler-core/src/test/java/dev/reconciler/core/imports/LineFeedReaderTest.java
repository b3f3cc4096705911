package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LineFeedReaderTest {
  private static String read(Reader in) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buf = new char[7];
    for (int n = in.read(buf, 0, buf.length); n >= 0; n = in.read(buf, 0, buf.length)) {
      assertThat(n).isPositive();
      out.append(buf, 0, n);
    }
    return out.toString();
  }

  /** A reader that hands out one character per call, so a CRLF is always split across reads. */
  private static Reader trickle(String text) {
    return new Reader() {
      private int at;

      @Override
      public int read(char[] buf, int off, int len) {
        if (at == text.length()) {
          return -1;
        }
        buf[off] = text.charAt(at++);
        return 1;
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void everyLineEndBecomesOneLineFeedAndOneLeadingByteOrderMarkGoes() throws IOException {
    String text = "\ufeffa\r\nb\rc\n\r\n\ufeffd\r";
    String expected = "a\nb\nc\n\n\ufeffd\n";
    assertThat(read(new LineFeedReader(new StringReader(text)))).isEqualTo(expected);
    assertThat(read(new LineFeedReader(trickle(text)))).isEqualTo(expected);
    assertThat(read(new LineFeedReader(trickle("\r\n\r\n")))).isEqualTo("\n\n");
    assertThat(read(new LineFeedReader(new StringReader("")))).isEmpty();
  }
}
