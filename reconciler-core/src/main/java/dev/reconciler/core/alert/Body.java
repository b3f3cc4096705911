package dev.reconciler.core.alert;

import dev.reconciler.core.domain.SafeText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the same content as plain text and as HTML, so the two bodies cannot drift apart. Every
 * value goes through {@link Html#escape} on the HTML side. Values may come from a run record, which
 * whoever can write the database can forge: a paragraph keeps its line breaks and loses other
 * control characters ({@link ErrorText#forBody}); a fact or table cell stays on one line ({@link
 * SafeText#line}).
 */
final class Body {
  /** Longest fact or table cell shown. */
  private static final int CELL_MAX_CHARS = 1_000;

  private final StringBuilder text = new StringBuilder();
  private final StringBuilder html = new StringBuilder("<html><body>\n");

  /** A paragraph; line breaks inside it are kept in both bodies. */
  Body paragraph(String content) {
    String shown = ErrorText.forBody(content);
    text.append(shown).append("\n\n");
    html.append("<p style=\"white-space: pre-wrap\">").append(Html.escape(shown)).append("</p>\n");
    return this;
  }

  /** Label/value pairs, in the map's order: aligned lines, or a two-column table. */
  Body facts(Map<String, String> rows) {
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    html.append("<table>\n");
    rows.forEach(
        (label, raw) -> {
          String value = cell(raw);
          text.append(String.format("%-" + width + "s %s", label + ":", value)).append('\n');
          html.append("<tr><th align=\"left\">")
              .append(Html.escape(label))
              .append("</th><td>")
              .append(Html.escape(value))
              .append("</td></tr>\n");
        });
    text.append('\n');
    html.append("</table>\n");
    return this;
  }

  /** A table with a header row; in the text body, columns are padded to line up. */
  Body table(String[] header, List<String[]> untrusted) {
    List<String[]> rows = new ArrayList<>(untrusted.size());
    for (String[] row : untrusted) {
      rows.add(Arrays.stream(row).map(Body::cell).toArray(String[]::new));
    }
    int[] widths = widths(header, rows);
    textRow(header, widths);
    html.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n");
    htmlRow("th", header);
    for (String[] row : rows) {
      textRow(row, widths);
      htmlRow("td", row);
    }
    text.append('\n');
    html.append("</table>\n");
    return this;
  }

  private static int[] widths(String[] header, List<String[]> rows) {
    int[] widths = new int[header.length];
    for (String[] row : concat(header, rows)) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    return widths;
  }

  private static List<String[]> concat(String[] header, List<String[]> rows) {
    List<String[]> all = new ArrayList<>(rows);
    all.add(header);
    return all;
  }

  private void textRow(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("  ");
    for (int i = 0; i < cells.length; i++) {
      line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", cells[i]));
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private void htmlRow(String tag, String[] cells) {
    html.append("<tr>");
    for (String cell : cells) {
      html.append('<').append(tag).append('>').append(Html.escape(cell));
      html.append("</").append(tag).append('>');
    }
    html.append("</tr>\n");
  }

  private static String cell(String value) {
    return SafeText.line(value, CELL_MAX_CHARS);
  }

  String text() {
    return text.toString().stripTrailing() + "\n";
  }

  String html() {
    return html + "</body></html>\n";
  }
}
