package ru.noko.pipeline.generator;

import java.util.List;
import java.util.Map;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * A generated campaign: the responses in the order they are sent, the verdict each must get ("accepted" or
 * "rejected:REASON"), the registry entries and self-assessments as the topics carry them (JSON), and the organized
 * sessions (JSON, with the class's IP address).
 */
public record GeneratedCampaign(
        List<SurveyResponse> responses,
        Map<String, String> expectedVerdicts,
        List<String> registry,
        List<String> selfAssessments,
        List<String> sessions) {}
