package ru.noko.methodology.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.noko.methodology.instrument.AnswerProblem;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.InstrumentValidator;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.scoring.SurveyCounters;

/**
 * Responses as JSON lines, one object per line with at least {@code organizationId}, {@code respondentRole} and
 * {@code answers} (the gateway's request body; other fields are ignored). Each valid line adds to its organization's
 * counters; an invalid one is set aside with its line number and every problem. Shared by {@code score} and
 * {@code export}, so both count the same responses.
 */
public final class ResponseFile {

    public record Rejected(int line, List<AnswerProblem> problems) {}

    public record Read(Map<String, SurveyCounters> counters, int accepted, List<Rejected> rejected) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseFile() {}

    @SuppressWarnings("unchecked")
    public static Read read(Path file, Instrument instrument, ScoringModel model, OrganizationRegistry registry)
            throws IOException {
        Map<String, SurveyCounters> counters = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        int accepted = 0;
        int number = 0;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode response;
                try {
                    response = JSON.readTree(line);
                } catch (IOException e) {
                    rejected.add(new Rejected(
                            number, List.of(new AnswerProblem("line", "json", "Строка не является JSON"))));
                    continue;
                }
                List<AnswerProblem> problems = new ArrayList<>();
                String organization = text(response, "organizationId", problems);
                String role = text(response, "respondentRole", problems);
                JsonNode answersNode = response.get("answers");
                if (answersNode == null || !answersNode.isObject()) {
                    problems.add(new AnswerProblem("answers", "required", "Нет ответов (JSON-объект answers)"));
                }
                if (organization != null && registry.find(organization).isEmpty()) {
                    problems.add(
                            new AnswerProblem("organizationId", "unknown-organization", "Организации нет в реестре"));
                }
                if (!problems.isEmpty()) {
                    rejected.add(new Rejected(number, problems));
                    continue;
                }
                Map<String, Object> answers = JSON.convertValue(answersNode, Map.class);
                problems.addAll(InstrumentValidator.validate(instrument, role, answers));
                if (!problems.isEmpty()) {
                    rejected.add(new Rejected(number, problems));
                    continue;
                }
                counters.merge(
                        organization,
                        SurveyCounters.ofResponse(role, model.countsOf(role, answers)),
                        SurveyCounters::plus);
                accepted++;
            }
        }
        return new Read(counters, accepted, rejected);
    }

    private static String text(JsonNode response, String field, List<AnswerProblem> problems) {
        JsonNode value = response.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(new AnswerProblem(field, "required", "Поле обязательно (строка)"));
            return null;
        }
        return value.asText();
    }
}
