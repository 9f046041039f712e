package ru.noko.bench;

import java.util.List;

/** What every benchmark prints: one {@code BENCH | what | result |} line per figure, and medians of rounds. */
final class BenchLines {

    private BenchLines() {}

    static void line(String what, String result) {
        System.out.println("BENCH | " + what + " | " + result + " |");
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
