package ru.noko.dashboards.queries;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana and the ClickHouse plugin do to a panel's SQL before it reaches ClickHouse: dashboard variables
 * ({@code $name}, {@code ${name}}, {@code ${name:sqlstring}}) replaced by their values, and the plugin's time macros
 * ({@code $__timeFilter(column)}, {@code $__fromTime}, {@code $__toTime}) expanded for the dashboard's time range.
 */
final class Interpolation {

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)");
    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+)([smhdwMy]))?");

    private final Map<String, String> values;
    private final Instant from;
    private final Instant to;

    Interpolation(Map<String, String> values, Instant from, Instant to) {
        this.values = values;
        this.from = from;
        this.to = to;
    }

    /** Grafana's relative time ({@code now}, {@code now-2y}, {@code now-6h}) as an instant. */
    static Instant relative(String expression, Instant now) {
        Matcher matcher = RELATIVE.matcher(expression);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a relative time this test knows: " + expression);
        }
        if (matcher.group(1) == null) {
            return now;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> now.minusSeconds(amount);
            case "m" -> now.minus(amount, ChronoUnit.MINUTES);
            case "h" -> now.minus(amount, ChronoUnit.HOURS);
            case "d" -> now.minus(amount, ChronoUnit.DAYS);
            case "w" -> now.minus(amount * 7, ChronoUnit.DAYS);
            case "M" -> now.minus(amount * 31, ChronoUnit.DAYS);
            default -> now.minus(amount * 366, ChronoUnit.DAYS);
        };
    }

    String apply(String sql) {
        String expanded = TIME_FILTER
                .matcher(sql)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + " >= toDateTime(" + from.getEpochSecond()
                        + ") AND " + match.group(1) + " <= toDateTime(" + to.getEpochSecond() + ")"));
        expanded = expanded.replace("$__fromTime", "toDateTime(" + from.getEpochSecond() + ")")
                .replace("$__toTime", "toDateTime(" + to.getEpochSecond() + ")");
        Matcher matcher = VARIABLE.matcher(expanded);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(
                        "the SQL uses $" + name + ", which is not a variable of its dashboard");
            }
            String value = values.get(name);
            String format = matcher.group(2);
            String replacement = "sqlstring".equals(format)
                    ? "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"
                    : value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
