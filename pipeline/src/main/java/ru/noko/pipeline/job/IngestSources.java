package ru.noko.pipeline.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import ru.noko.pipeline.antifraud.SessionDeserializer;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.response.IncomingRecord;
import ru.noko.pipeline.results.OrganizationFactDeserializer;

/**
 * What the ingest workflow reads, each stream with its event time already assigned: the responses carry the
 * watermarks the checks wait for; the side inputs only add knowledge and must hold no watermark back. Every element
 * is what one record turned into, readable or not, so the workflow keeps the unreadable ones with their reason. The
 * job reads them from Kafka ({@link KafkaTopics}); tests give bounded data.
 *
 * @param responses survey responses, event time = the gateway's receivedAt
 * @param sessions organized sessions (a class answering from one address)
 * @param registry registry entries of organizations
 * @param selfAssessments organizations' self-assessments, per campaign
 * @param verdictCorrections verdicts the batch re-check corrected
 * @param campaigns campaigns published while the job runs (those before it started are in its {@code CampaignBook})
 */
public record IngestSources(
        DataStream<IncomingRecord> responses,
        DataStream<SessionDeserializer.Incoming> sessions,
        DataStream<OrganizationFactDeserializer.Incoming> registry,
        DataStream<OrganizationFactDeserializer.Incoming> selfAssessments,
        DataStream<OrganizationFactDeserializer.Incoming> verdictCorrections,
        DataStream<CampaignText> campaigns) {}
