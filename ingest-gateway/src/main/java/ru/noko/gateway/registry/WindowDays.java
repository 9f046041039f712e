package ru.noko.gateway.registry;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import ru.noko.methodology.campaign.WindowState;

/** A campaign window's days as a respondent reads them: «с 1 марта 2026 г. по 14 марта 2026 г.». */
public final class WindowDays {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy 'г.'", new Locale("ru"));

    private WindowDays() {}

    public static String of(WindowState window) {
        return "с " + DAY.format(window.from()) + " по " + DAY.format(window.to());
    }
}
