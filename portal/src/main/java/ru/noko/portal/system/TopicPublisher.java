package ru.noko.portal.system;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * Puts one record on a topic and waits until every in-sync replica has it: what the portal tells a person is
 * published (a campaign, a self-assessment, a session) is in Kafka when the page says so.
 */
@Component
public class TopicPublisher {

    private final Producer<String, String> kafka;

    TopicPublisher(Producer<String, String> kafka) {
        this.kafka = kafka;
    }

    /** @throws NotPublished when Kafka does not take it within 30 seconds */
    public void publish(String topic, String key, String value) {
        try {
            kafka.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished(topic, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new NotPublished(topic, e);
        }
    }

    /** Kafka did not take the record. */
    public static final class NotPublished extends RuntimeException {
        NotPublished(String topic, Throwable cause) {
            super("Kafka did not take a record for " + topic, cause);
        }
    }
}
