package ru.noko.gateway.response;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.stereotype.Component;
import ru.noko.gateway.system.BrokerUnavailableException;
import ru.noko.gateway.system.GatewayMetrics;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.gateway.system.KafkaState;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * Writes a response to the responses topic, keyed by organization so one organization's responses stay in order on
 * one partition. The returned future completes only after the broker acknowledged the record (acks=all); any
 * failure, including a timeout while Kafka is down, completes it with {@link BrokerUnavailableException}. While Kafka
 * is known to be down ({@link KafkaState}) nothing is sent and the future fails at once, so a respondent is told to
 * retry in milliseconds, not after the delivery timeout; what was sent before keeps waiting for its answer. Each
 * acknowledgement and each timed-out send is also what {@link KafkaState} learns of Kafka.
 */
@Component
class ResponsePublisher {

    private final Producer<String, byte[]> producer;
    private final SurveyResponseCodec codec;
    private final String topic;

    private final GatewayMetrics metrics;
    private final KafkaState kafkaState;

    ResponsePublisher(
            Producer<String, byte[]> producer,
            SurveyResponseCodec codec,
            KafkaSettings kafka,
            GatewayMetrics metrics,
            KafkaState kafkaState) {
        this.producer = producer;
        this.codec = codec;
        this.topic = kafka.responsesTopic();
        this.metrics = metrics;
        this.kafkaState = kafkaState;
    }

    CompletableFuture<Void> publish(SurveyResponse response) {
        if (kafkaState.down()) {
            return CompletableFuture.failedFuture(BrokerUnavailableException.whileDown());
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, response.getOrganizationId(), codec.encode(response));
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    kafkaState.acknowledged();
                    acknowledged.complete(null);
                } else {
                    metrics.sendFailed();
                    kafkaState.sendFailed(error);
                    acknowledged.completeExceptionally(unavailable(error));
                }
            });
        } catch (KafkaException e) {
            // send() itself throws when metadata or buffer space did not come within max.block.ms.
            metrics.sendFailed();
            kafkaState.sendFailed(e);
            acknowledged.completeExceptionally(unavailable(e));
        }
        return acknowledged;
    }

    private static BrokerUnavailableException unavailable(Exception error) {
        return new BrokerUnavailableException("Kafka did not acknowledge the response: " + error.getMessage(), error);
    }
}
