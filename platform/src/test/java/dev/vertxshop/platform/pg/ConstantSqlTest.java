package dev.vertxshop.platform.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL reaches PostgreSQL only as constant text, with every value bound as a parameter: in the main
 * sources of every module, the statement given to a Vert.x SQL client's {@code query(...)} or
 * {@code preparedQuery(...)} is a string literal, a {@code static final} constant built from
 * literals and other constants, a local chosen among such constants, or a parameter of a private
 * method whose every call in the file passes one. Anything else (concatenating a
 * variable, {@code formatted}, {@code String.format}, a {@code StringBuilder}) fails the test, with
 * the file and line.
 */
class ConstantSqlTest {

  private static final Pattern CALL = Pattern.compile("\\.(query|preparedQuery)\\(");
  private static final Pattern CONSTANT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern LOCAL_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final Pattern BUILDERS = Pattern.compile("\\.formatted\\(|String\\.format\\(|StringBuilder|String\\.join\\(|\\.concat\\(");

  /**
   * Statements built from something that is not a constant, reviewed and kept: file suffix to the
   * reason. Each must name where its non-constant part comes from.
   */
  private static final Map<String, String> REVIEWED = Map.of(
      "platform/events/ProcessedEvents.java",
      "the table name is a constant of each caller (PgConversionStore, PgInventoryStore, PgSentEmailStore) and is checked"
          + " against [a-z_]+\\.[a-z_]+ before use; never input");

  @Test
  void everyStatementIsConstantText() throws IOException {
    List<String> violations = new ArrayList<>();
    int calls = 0;
    for (Path file : mainSources()) {
      String source = Files.readString(file);
      String code = stripComments(source);
      Matcher call = CALL.matcher(code);
      while (call.find()) {
        String argument = argumentAt(code, call.end());
        if (argument == null) {
          continue;
        }
        calls++;
        String problem = problemWith(argument.trim(), code, call.start());
        if (problem != null && !reviewed(file)) {
          violations.add(file + ":" + lineOf(code, call.start()) + " " + call.group(1) + "(" + abbreviate(argument) + "): " + problem);
        }
      }
    }
    System.out.println("SQL statements checked: " + calls);
    assertThat(calls).as("query/preparedQuery calls found").isGreaterThan(20);
    assertThat(violations).as("statements not built from constants").isEmpty();
  }

  @Test
  void theCheckRefusesAStatementBuiltFromAVariable() {
    String code = "class X { void f(String id) { pool.query(\"SELECT * FROM t WHERE id = '\" + id + \"'\").execute(); } }";
    int at = code.indexOf(".query(");
    assertThat(problemWith(argumentAt(code, at + ".query(".length()), code, at)).isNotNull();
    String formatted = "class X { void f(String t) { pool.preparedQuery(\"SELECT * FROM %s\".formatted(t)); } }";
    int at2 = formatted.indexOf(".preparedQuery(");
    assertThat(problemWith(argumentAt(formatted, at2 + ".preparedQuery(".length()), formatted, at2)).isNotNull();
    String constant = "class X { static final String SQL = \"SELECT 1 FROM \" + TABLE; static final String TABLE = \"t\";"
        + " void f() { pool.preparedQuery(SQL); } }";
    int at3 = constant.indexOf(".preparedQuery(");
    assertThat(problemWith(argumentAt(constant, at3 + ".preparedQuery(".length()), constant, at3)).isNull();
  }

  private static List<Path> mainSources() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    try (Stream<Path> modules = Files.list(root)) {
      List<Path> files = new ArrayList<>();
      for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
        try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
          walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
      }
      assertThat(files).as("main sources under " + root).isNotEmpty();
      return files;
    }
  }

  private static boolean reviewed(Path file) {
    String path = file.toString().replace('\\', '/');
    return REVIEWED.keySet().stream().anyMatch(suffix -> path.endsWith(suffix));
  }

  /** Why {@code argument} is not constant text, or null when it is. */
  static String problemWith(String argument, String code, int callAt) {
    if (BUILDERS.matcher(argument).find()) {
      return "built with a formatter or builder";
    }
    if (LOCAL_NAME.matcher(argument).matches()) {
      return localProblem(argument, code, callAt);
    }
    return constantExpressionProblem(argument, code);
  }

  /** Literals and constants joined by +, each constant a static final String built the same way. */
  private static String constantExpressionProblem(String expression, String code) {
    String withoutLiterals = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    for (String part : withoutLiterals.split("\\+")) {
      String term = part.trim();
      if (term.equals("\"\"") || term.startsWith("\"\"\"") || term.matches("[0-9][0-9_]*L?")) {
        continue;
      }
      if (!CONSTANT_NAME.matcher(term).matches()) {
        return "'" + term + "' is not a literal or a constant";
      }
      Matcher declaration = Pattern.compile("static final (?:String|int|long) " + term + "\\s*=\\s*([^;]*);", Pattern.DOTALL).matcher(code);
      if (!declaration.find()) {
        return "'" + term + "' is not a constant (static final String, int or long) of this file";
      }
      String inner = declaration.group(1).trim();
      if (!inner.equals(expression) && constantExpressionProblem(inner, code) != null) {
        return "'" + term + "' is built from something that is not constant";
      }
    }
    return null;
  }

  /**
   * A lower-case name: a local variable chosen among constants (name = A ? B : C), or a parameter of
   * a private method whose every call in the file passes constants in that position.
   */
  private static String localProblem(String name, String code, int callAt) {
    Matcher local = Pattern.compile("String " + name + "\\s*=\\s*([^;]*);").matcher(code.substring(0, callAt));
    String lastAssignment = null;
    while (local.find()) {
      lastAssignment = local.group(1);
    }
    if (lastAssignment != null) {
      for (String result : choiceResults(lastAssignment)) {
        if (!CONSTANT_NAME.matcher(result).matches() || constantExpressionProblem(result, code) != null) {
          return "'" + name + "' may be '" + result + "', not a constant";
        }
      }
      return null;
    }
    Matcher method = Pattern.compile("private static [\\w<>, ?]+ (\\w+)\\(([^)]*)\\)").matcher(code.substring(0, callAt));
    String methodName = null;
    int position = -1;
    while (method.find()) {
      String[] parameters = method.group(2).split(",");
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].trim().endsWith("String " + name)) {
          methodName = method.group(1);
          position = i;
        }
      }
    }
    if (methodName == null) {
      return "'" + name + "' is neither a local chosen among constants nor a parameter of a private method";
    }
    Matcher calls = Pattern.compile("\\b" + methodName + "\\(").matcher(code);
    int checked = 0;
    while (calls.find()) {
      if (code.startsWith(methodName + "(", calls.start()) && code.substring(Math.max(0, calls.start() - 40), calls.start()).contains(" static ")) {
        continue;
      }
      String arguments = argumentAt(code, calls.end());
      String[] parts = arguments == null ? new String[0] : splitArguments(arguments);
      if (parts.length <= position) {
        continue;
      }
      String passed = parts[position].trim();
      if (!CONSTANT_NAME.matcher(passed).matches() || constantExpressionProblem(passed, code) != null) {
        return methodName + "(...) is called with '" + passed + "' for " + name;
      }
      checked++;
    }
    return checked > 0 ? null : methodName + "(...) is never called in this file";
  }

  /**
   * What {@code expression} may evaluate to: itself, or for a chain of choices {@code c1 ? A : c2 ?
   * B : C} the results A, B and C (the conditions may be anything).
   */
  private static List<String> choiceResults(String expression) {
    String[] parts = expression.split("\\?");
    if (parts.length == 1) {
      return List.of(expression.trim());
    }
    List<String> results = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String[] sides = parts[i].split(":");
      results.add(sides[0].trim());
      if (i == parts.length - 1 && sides.length > 1) {
        results.add(sides[1].trim());
      }
    }
    return results;
  }

  /** The text between the parenthesis opened just before {@code from} and the one that closes it. */
  static String argumentAt(String code, int from) {
    int depth = 1;
    boolean inString = false;
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return code.substring(from, i);
      }
    }
    return null;
  }

  private static String[] splitArguments(String arguments) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    boolean inString = false;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(arguments.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(arguments.substring(start));
    return parts.toArray(String[]::new);
  }

  private static String stripComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//[^\"\\n]*$", "");
  }

  private static int lineOf(String code, int at) {
    return (int) code.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= 80 ? flat : flat.substring(0, 80) + "...";
  }
}
