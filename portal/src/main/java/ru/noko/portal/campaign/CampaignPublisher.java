package ru.noko.portal.campaign;

import org.springframework.stereotype.Component;
import ru.noko.portal.system.KafkaSettings;
import ru.noko.portal.system.TopicPublisher;

/**
 * Puts a campaign on the campaigns topic, keyed by its id (compacted: the newest text of each campaign is what the
 * gateway and the job read, at start and while they run), and waits until every in-sync replica has it.
 */
@Component
public class CampaignPublisher {

    private final TopicPublisher kafka;
    private final KafkaSettings topics;

    CampaignPublisher(TopicPublisher kafka, KafkaSettings topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** @throws TopicPublisher.NotPublished when Kafka does not take it */
    public void publish(String id, String text) {
        kafka.publish(topics.campaignsTopic(), id, text);
    }
}
