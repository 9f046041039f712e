package ru.noko.methodology.scoring;

/**
 * One computed figure of an organization, in points 0..100: an indicator, a criterion, a score, a topic share.
 *
 * @param id as in the model ({@code 1.3}, {@code K1}, {@code S}, {@code topic.food})
 * @param name the Russian name analysts read
 * @param value the value, or {@code null} when the status is not OK
 * @param status whether it could be computed
 * @param note why a value is partial (weights rescaled over the defined indicators), or null
 */
public record Metric(String id, String name, Double value, MetricStatus status, String note) {

    public static Metric ok(String id, String name, double value, String note) {
        return new Metric(id, name, value, MetricStatus.OK, note);
    }

    public static Metric undefined(String id, String name, MetricStatus status) {
        return new Metric(id, name, null, status, null);
    }

    public boolean isDefined() {
        return status == MetricStatus.OK;
    }
}
