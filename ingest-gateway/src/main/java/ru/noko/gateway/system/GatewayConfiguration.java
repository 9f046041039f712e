package ru.noko.gateway.system;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.noko.schemas.privacy.Pseudonymizer;
import ru.noko.schemas.response.SurveyResponseCodec;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /**
     * acks=all with idempotence: the future completes only when every in-sync replica has the record, and the
     * producer's own retries cannot write it twice.
     */
    @Bean(destroyMethod = "close")
    Producer<String, byte[]> responseProducer(KafkaSettings kafka) {
        int deliveryMs = Math.toIntExact(kafka.deliveryTimeout().toMillis());
        int lingerMs = Math.toIntExact(kafka.linger().toMillis());
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        lingerMs,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        Math.toIntExact(kafka.batchSize().toBytes()),
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        kafka.compression(),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        deliveryMs,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        Math.max(1000, (deliveryMs - lingerMs) / 2),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        Math.max(1000, deliveryMs / 2),
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "noko-ingest-gateway"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @Bean
    SurveyResponseCodec surveyResponseCodec() {
        return new SurveyResponseCodec();
    }

    /** The key has no default: a gateway without it must not start. */
    @Bean
    Pseudonymizer pseudonymizer(@Value("${noko.pseudonym-key:}") String key) {
        return new Pseudonymizer(key);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A number where text is expected is a wrong type, not something to quietly turn into text. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictScalars() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
