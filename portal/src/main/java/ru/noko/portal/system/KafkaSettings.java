package ru.noko.portal.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the portal publishes what the survey and the figures need.
 *
 * @param bootstrapServers Kafka's bootstrap servers
 * @param organizationsTopic the registry, one JSON record per organization, keyed by its id
 * @param campaignsTopic the campaigns, one record per campaign keyed by its id (compacted: the newest wins)
 * @param selfAssessmentsTopic submitted self-assessments' expert inputs, keyed by organization (the newest wins)
 * @param sessionsTopic organized sessions as registered, changed and cancelled, keyed by session
 */
@ConfigurationProperties("noko.kafka")
public record KafkaSettings(
        String bootstrapServers,
        String organizationsTopic,
        String campaignsTopic,
        String selfAssessmentsTopic,
        String sessionsTopic) {}
