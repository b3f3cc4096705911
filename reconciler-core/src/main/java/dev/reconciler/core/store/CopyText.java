package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/** A value in the text format of PostgreSQL's COPY: \N for NULL, the four specials escaped. */
final class CopyText {
  private CopyText() {}

  static void write(ByteArrayOutputStream out, Object value) {
    if (value == null) {
      out.write('\\');
      out.write('N');
      return;
    }
    byte[] text = value.toString().getBytes(UTF_8);
    for (byte b : text) {
      switch (b) {
        case '\\' -> {
          out.write('\\');
          out.write('\\');
        }
        case '\t' -> {
          out.write('\\');
          out.write('t');
        }
        case '\n' -> {
          out.write('\\');
          out.write('n');
        }
        case '\r' -> {
          out.write('\\');
          out.write('r');
        }
        default -> out.write(b);
      }
    }
  }
}
