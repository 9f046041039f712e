package ru.noko.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import ru.noko.methodology.instrument.AnswerOption;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.InstrumentLoader;
import ru.noko.methodology.instrument.Question;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * The demo's other surveys, beside the generated НОКО campaign: the previous year's НОКО campaign (so an organization
 * card has a change to show), the regional satisfaction survey and the municipal mechanisms survey. Honest respondents
 * only, answering the questionnaire as its skip logic shows it; the same seed gives the same responses.
 */
final class DemoSurveys {

    static final String PREVIOUS = "demo-2025-noko";
    static final String SATISFACTION = "demo-2026-satisfaction";
    static final String MECHANISMS = "demo-2026-mechanisms";
    private static final Instant PREVIOUS_START = Instant.parse("2025-02-03T06:00:00Z");
    private static final Instant START = Instant.parse("2026-02-02T06:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final int organizations;
    private final List<SurveyResponse> responses = new ArrayList<>();
    private final List<String> selfAssessments = new ArrayList<>();
    private int next;

    DemoSurveys(long seed, int organizations) {
        this.random = new Random(seed);
        this.organizations = organizations;
    }

    /** Generates every survey; read the results with {@link #responses()} and {@link #selfAssessments()}. */
    DemoSurveys generate() throws IOException {
        Instrument noko = InstrumentLoader.bundled("noko-education");
        Instrument satisfaction = InstrumentLoader.bundled("regional-satisfaction");
        Instrument mechanisms = InstrumentLoader.bundled("municipal-mechanisms");
        for (int o = 0; o < organizations; o++) {
            // Last year's campaign reached a little fewer respondents, and one organization in four filed nothing.
            for (int i = 0; i < 22; i++) {
                add(PREVIOUS, PREVIOUS_START, o, noko, 0.5 + random.nextDouble() * 0.4);
            }
            if (o % 4 != 3) {
                selfAssessments.add(previousSelfAssessment(o));
            }
            for (int i = 0; i < 26; i++) {
                add(SATISFACTION, START, o, satisfaction, 0.55 + random.nextDouble() * 0.4);
            }
            // The mechanisms survey asks school staff about their municipality.
            if (o % 4 < 2) {
                for (int i = 0; i < 3; i++) {
                    add(MECHANISMS, START, o, mechanisms, 0.3 + 0.15 * (o % 4) + random.nextDouble() * 0.3);
                }
            }
        }
        return this;
    }

    /**
     * The registry with each organization's staff added to its contingent (one director, two deputies, twenty
     * teachers), so the mechanisms survey, which school staff answer, has coverage and levels to show.
     */
    static List<String> withStaff(List<String> registry) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : registry) {
            ObjectNode json = (ObjectNode) JSON.readTree(entry);
            ObjectNode contingent = json.with("contingent");
            contingent.put("director", 1);
            contingent.put("deputy", 2);
            contingent.put("teacher", 20);
            entries.add(JSON.writeValueAsString(json));
        }
        return entries;
    }

    List<SurveyResponse> responses() {
        return responses;
    }

    List<String> selfAssessments() {
        return selfAssessments;
    }

    private void add(String campaign, Instant start, int organization, Instrument instrument, double positive) {
        String role = instrument.roles().get(random.nextInt(instrument.roles().size()));
        Instant submitted =
                start.plus(Duration.ofMinutes(random.nextInt(8 * 60))).plusMillis(next % 1000);
        int n = ++next;
        responses.add(SurveyResponse.newBuilder()
                .setResponseId(
                        UUID.nameUUIDFromBytes(("demo-survey-" + n).getBytes()).toString())
                .setCampaignId(campaign)
                .setOrganizationId(CampaignGenerator.organizationId(organization))
                .setRespondentRole(role)
                .setAnswers(answers(instrument, role, positive))
                .setStartedAt(submitted.minusSeconds(180 + random.nextInt(600)))
                .setSubmittedAt(submitted)
                .setReceivedAt(submitted.plusMillis(200))
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress("172." + (16 + n / 65536 % 16) + "." + (n / 256 % 256) + "." + (n % 256))
                        .setUserAgent("demo")
                        .setDeviceToken("demo-device-" + n)
                        .setEmailHmac(null)
                        .build())
                .build());
    }

    /** Answers every question the respondent is shown, in order; {@code positive} is the chance of a good answer. */
    private Map<String, Object> answers(Instrument instrument, String role, double positive) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Question question : instrument.questions()) {
            if (!instrument.isShown(question, role, answers) || (!question.required() && random.nextInt(5) == 0)) {
                continue;
            }
            // Avro's answer union holds whole numbers as long.
            Object answer = switch (question.type()) {
                case YES_NO -> random.nextDouble() < positive;
                case LIKERT_5 ->
                    (long) (random.nextDouble() < positive ? 4 + random.nextInt(2) : 1 + random.nextInt(3));
                case SINGLE_CHOICE -> pick(question.options()).id();
                case MULTIPLE_CHOICE -> List.of(pick(question.options()).id());
                case NUMBER -> question.min() == null ? 1L : question.min().longValue();
                case TEXT -> null;
            };
            if (answer != null) {
                answers.put(question.id(), answer);
            }
        }
        return answers;
    }

    private AnswerOption pick(List<AnswerOption> options) {
        return options.get(random.nextInt(options.size()));
    }

    private String previousSelfAssessment(int organization) {
        return "{\"campaignId\": \"" + PREVIOUS + "\", \"organizationId\": \""
                + CampaignGenerator.organizationId(organization)
                + "\", \"inputs\": {\"standItems\": " + (5 + organization % 6) + ", \"standItemsRequired\": 10,"
                + " \"siteItems\": " + (28 + organization % 13) + ", \"siteItemsRequired\": 40, \"remoteChannels\": "
                + (organization % 5) + ", \"comfortConditions\": " + (organization % 5) + ", \"accessibleEquipment\": "
                + (organization % 4) + ", \"accessibleServices\": " + (organization % 6) + "}}";
    }
}
