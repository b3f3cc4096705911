package dev.reconciler.worker.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format 0.0.4 (the Prometheus client has writers only):
 * every line must be a HELP, a TYPE before its family's samples, or a sample whose name belongs to
 * the declared family and type; no sample twice; histogram buckets cumulative, ending in +Inf equal
 * to _count. Anything else throws, so a test that parses the exposition also validates it.
 */
public final class PromText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private final Map<String, String> types = new HashMap<>();
  private final Map<String, Double> samples = new TreeMap<>();
  private final List<String> order = new ArrayList<>();

  private PromText() {}

  public static PromText parse(String text) {
    PromText p = new PromText();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition does not end with a line feed");
    }
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      try {
        p.line(line);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + n + " '" + line + "': " + e.getMessage(), e);
      }
    }
    p.checkHistograms();
    return p;
  }

  /** The value of the sample with this name and these label pairs, or null if there is none. */
  public Double value(String name, String... labels) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.get(key(name, wanted));
  }

  /** Every sample's key ({@code name{a="b",...}}), sorted. */
  public Set<String> keys() {
    return samples.keySet();
  }

  /** The declared type of a family, or null. */
  public String type(String family) {
    return types.get(family);
  }

  private void line(String line) {
    if (line.startsWith("# HELP ")) {
      name(line.substring(7).split(" ", 2)[0]);
    } else if (line.startsWith("# TYPE ")) {
      String[] parts = line.substring(7).split(" ");
      require(parts.length == 2 && TYPES.contains(parts[1]), "bad TYPE line");
      require(types.put(name(parts[0]), parts[1]) == null, "a second TYPE for " + parts[0]);
      order.add(parts[0]);
    } else if (line.startsWith("#")) {
      return;
    } else {
      sample(line);
    }
  }

  private void sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = name(line.substring(0, i));
    Map<String, String> labels = new TreeMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    require(i < line.length() && line.charAt(i) == ' ', "no value");
    String[] rest = line.substring(i + 1).split(" ");
    require(rest.length == 1 || rest.length == 2, "trailing text");
    double value = number(rest[0]);
    checkFamily(name, labels);
    require(samples.put(key(name, labels), value) == null, "a sample seen twice");
  }

  /** Reads label pairs from just after '{'; returns the index after '}'. */
  private static int labels(String line, int i, Map<String, String> labels) {
    while (line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      require(eq > 0, "no '=' in labels");
      String label = line.substring(i, eq);
      require(LABEL.matcher(label).matches(), "bad label name " + label);
      require(line.charAt(eq + 1) == '"', "label value not quoted");
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (line.charAt(j) != '"') {
        char c = line.charAt(j);
        if (c == '\\') {
          char e = line.charAt(++j);
          require(e == '\\' || e == '"' || e == 'n', "bad escape \\" + e);
          value.append(e == 'n' ? '\n' : e);
        } else {
          value.append(c);
        }
        j++;
      }
      require(labels.put(label, value.toString()) == null, "label " + label + " twice");
      i = j + 1;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    return i + 1;
  }

  private void checkFamily(String name, Map<String, String> labels) {
    String family = order.isEmpty() ? null : order.get(order.size() - 1);
    require(family != null, "a sample before any TYPE");
    String type = types.get(family);
    boolean fits =
        switch (type) {
          case "histogram" ->
              (name.equals(family + "_bucket") && labels.containsKey("le"))
                  || name.equals(family + "_count")
                  || name.equals(family + "_sum");
          default -> name.equals(family);
        };
    require(fits, "sample " + name + " outside its family " + family + " (" + type + ")");
  }

  private void checkHistograms() {
    types.forEach(
        (family, type) -> {
          if (type.equals("histogram")) {
            checkHistogram(family);
          }
        });
  }

  /** Per label set: buckets non-decreasing in le order, the +Inf bucket equal to _count. */
  private void checkHistogram(String family) {
    Pattern bucket = Pattern.compile(Pattern.quote(family) + "_bucket\\{(.*)\\}");
    Map<String, TreeMap<Double, Double>> byLabels = new TreeMap<>();
    samples.forEach(
        (key, value) -> {
          Matcher m = bucket.matcher(key);
          if (m.matches()) {
            Map<String, String> labels = parseKeyLabels(m.group(1));
            double le = number(labels.remove("le"));
            byLabels
                .computeIfAbsent(key(family + "_count", labels), k -> new TreeMap<>())
                .put(le, value);
          }
        });
    byLabels.forEach(
        (countKey, buckets) -> {
          double previous = 0;
          for (double v : buckets.values()) {
            require(v >= previous, "buckets of " + countKey + " not cumulative");
            previous = v;
          }
          require(
              buckets.lastKey() == Double.POSITIVE_INFINITY
                  && buckets.lastEntry().getValue().equals(samples.get(countKey)),
              "+Inf bucket of " + countKey + " is not its count");
        });
  }

  private static Map<String, String> parseKeyLabels(String inner) {
    Map<String, String> labels = new TreeMap<>();
    labels(inner + "}", 0, labels);
    return labels;
  }

  private static String key(String name, Map<String, String> labels) {
    StringBuilder key = new StringBuilder(name).append('{');
    labels.forEach(
        (k, v) ->
            key.append(k)
                .append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                .append("\","));
    if (!labels.isEmpty()) {
      key.setLength(key.length() - 1);
    }
    return key.append('}').toString();
  }

  private static String name(String name) {
    require(NAME.matcher(name).matches(), "bad metric name '" + name + "'");
    return name;
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        require(FLOAT.matcher(text).matches(), "bad number '" + text + "'");
        yield Double.parseDouble(text);
      }
    };
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }
}
