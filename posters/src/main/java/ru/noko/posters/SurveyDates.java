package ru.noko.posters;

import java.time.LocalDate;
import java.util.Optional;

/**
 * When respondents can answer, as the poster says it: «с 15 февраля по 5 марта 2026 года». Either end may be unknown;
 * with neither the poster leaves the line out.
 */
public record SurveyDates(Optional<LocalDate> from, Optional<LocalDate> to) {

    public static final SurveyDates UNKNOWN = new SurveyDates(Optional.empty(), Optional.empty());

    // Months in the genitive, as dates are written; spelled out here so the text does not depend on the JDK's locale
    // data.
    private static final String[] MONTHS = {
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря"
    };

    public SurveyDates {
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException(
                    "дата окончания опроса " + to.get() + " раньше даты начала " + from.get());
        }
    }

    public static SurveyDates of(LocalDate from, LocalDate to) {
        return new SurveyDates(Optional.ofNullable(from), Optional.ofNullable(to));
    }

    /** The poster's line, e.g. «Опрос проходит с 15 февраля по 5 марта 2026 года»; empty when no date is known. */
    public Optional<String> sentence() {
        if (from.isPresent() && to.isPresent()) {
            LocalDate start = from.get();
            LocalDate end = to.get();
            // The year once when both dates share it, as letters write it.
            String first = start.getYear() == end.getYear() ? dayAndMonth(start) : full(start);
            return Optional.of("Опрос проходит с " + first + " по " + full(end));
        }
        if (from.isPresent()) {
            return Optional.of("Опрос проходит с " + full(from.get()));
        }
        return to.map(end -> "Опрос проходит по " + full(end));
    }

    private static String dayAndMonth(LocalDate date) {
        return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1];
    }

    private static String full(LocalDate date) {
        return dayAndMonth(date) + " " + date.getYear() + " года";
    }
}
