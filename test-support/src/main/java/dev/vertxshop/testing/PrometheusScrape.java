package dev.vertxshop.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text-format scrape (what {@code GET /metrics} answers), read into samples so that
 * tests can look a series up by name and labels.
 */
public final class PrometheusScrape {

  /** One line of the scrape: a series and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {

    /** True when the sample has every label of {@code wanted} with the same value. */
    public boolean has(Map<String, String> wanted) {
      return wanted.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }
  }

  private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  private final List<Sample> samples;

  private PrometheusScrape(List<Sample> samples) {
    this.samples = samples;
  }

  /** Reads {@code text}; comment lines are skipped, a line that is not a sample fails. */
  public static PrometheusScrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line.trim());
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (matcher.group(3) != null) {
        Matcher label = LABEL.matcher(matcher.group(3));
        while (label.find()) {
          labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
        }
      }
      samples.add(new Sample(matcher.group(1), Map.copyOf(labels), Double.parseDouble(matcher.group(4))));
    }
    return new PrometheusScrape(List.copyOf(samples));
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The samples named {@code name} that carry every label of {@code labels}. */
  public List<Sample> find(String name, Map<String, String> labels) {
    return samples.stream().filter(sample -> sample.name().equals(name) && sample.has(labels)).toList();
  }

  /** The value of the one sample named {@code name} with {@code labels}, if there is exactly one. */
  public Optional<Double> value(String name, Map<String, String> labels) {
    List<Sample> found = find(name, labels);
    return found.size() == 1 ? Optional.of(found.get(0).value()) : Optional.empty();
  }

  /** The sum of the samples named {@code name} with {@code labels} (0 when there is none). */
  public double sum(String name, Map<String, String> labels) {
    return find(name, labels).stream().mapToDouble(Sample::value).sum();
  }
}
