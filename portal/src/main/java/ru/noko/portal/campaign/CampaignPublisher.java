package ru.noko.portal.campaign;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;
import ru.noko.portal.system.KafkaSettings;

/**
 * Puts a campaign on the campaigns topic, keyed by its id (compacted: the newest text of each campaign is what the
 * gateway and the job read, at start and while they run), and waits until every in-sync replica has it.
 */
@Component
public class CampaignPublisher {

    private final Producer<String, String> kafka;
    private final KafkaSettings topics;

    CampaignPublisher(Producer<String, String> kafka, KafkaSettings topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** @throws NotPublished when Kafka does not take it */
    public void publish(String id, String text) {
        try {
            kafka.send(new ProducerRecord<>(topics.campaignsTopic(), id, text)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new NotPublished(e);
        }
    }

    /** Kafka did not take the campaign. */
    public static final class NotPublished extends RuntimeException {
        NotPublished(Throwable cause) {
            super("Kafka did not take the campaign", cause);
        }
    }
}
