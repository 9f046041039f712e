package ru.noko.methodology.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.InstrumentLoader;
import ru.noko.methodology.scoring.SurveyCounters;

/** The bundled НОКО instrument and model, and the worked example of methodology.md section 10. */
final class NokoTestData {

    static final Instrument INSTRUMENT;
    static final NokoModel MODEL;

    static {
        try {
            INSTRUMENT = InstrumentLoader.bundled("noko-education");
            MODEL = (NokoModel) ModelLoader.bundled("noko-education", INSTRUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers Q1–Q14 of the worked example, one row per respondent: Д, Н, or — (skipped). */
    static final List<String> WORKED_EXAMPLE = List.of(
            "Д Д Д Д Д Н — Д Д Д Д Д Д Д",
            "Д Н Д Д Д Н — Д Д Н — Д Д Д",
            "Н — Д Д Н Д Д Д Н Д Д Н Д Н",
            "Д Д Н — Д Н — Д Д Н — Д Н Д",
            "Н — Н — Д Н — Н Д Д Н Д Д Д",
            "Д Д Д Н Д Д Н Д Д Н — Д Д Д",
            "Д Д Д Д Н Н — Д Д Д Д Н Д Н",
            "Н — Д Д Д Н — Д Д Н — Д Д Д",
            "Д Д Н — Д Н — Д Д Н — Д Д Д",
            "Д Н Д Д Д Н — Д Н Д Д Д Н Д");

    /** Stands 8 of 10, site 36 of 40, 3 remote channels, 4 comfort conditions, 2 of 5 and 3 of 6 for accessibility. */
    static final Map<String, Integer> WORKED_EXAMPLE_INPUTS = Map.of(
            "standItems",
            8,
            "standItemsRequired",
            10,
            "siteItems",
            36,
            "siteItemsRequired",
            40,
            "remoteChannels",
            3,
            "comfortConditions",
            4,
            "accessibleEquipment",
            2,
            "accessibleServices",
            3);

    private NokoTestData() {}

    /** "Д Н — …" → {q1: true, q2: false, …}, skipped questions absent. */
    static Map<String, Object> answers(String row) {
        String[] cells = row.split(" ");
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].equals("—")) {
                answers.put("q" + (i + 1), cells[i].equals("Д"));
            }
        }
        return answers;
    }

    /** A valid questionnaire where every filter is "yes" and every satisfaction answer is {@code satisfied}. */
    static Map<String, Object> everyChannelUsed(boolean satisfied) {
        Map<String, Object> answers = new HashMap<>();
        for (int q = 1; q <= 14; q++) {
            answers.put("q" + q, satisfied);
        }
        answers.put("q1", true);
        answers.put("q3", true);
        answers.put("q6", true);
        answers.put("q10", true);
        return answers;
    }

    static SurveyCounters counters(NokoModel model, List<Map<String, Object>> responses) {
        SurveyCounters counters = SurveyCounters.empty();
        for (Map<String, Object> answers : responses) {
            counters = counters.plus(SurveyCounters.ofResponse("parent", model.countsOf("parent", answers)));
        }
        return counters;
    }

    static SurveyCounters workedExampleCounters(NokoModel model) {
        return counters(
                model, WORKED_EXAMPLE.stream().map(NokoTestData::answers).toList());
    }
}
