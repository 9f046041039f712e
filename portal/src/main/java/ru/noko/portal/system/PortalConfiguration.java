package ru.noko.portal.system;

import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PortalConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** acks=all with idempotence, as the gateway's: a published registry or campaign is on every in-sync replica. */
    @Bean(destroyMethod = "close")
    Producer<String, String> publisher(KafkaSettings kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        30_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "noko-portal"),
                new StringSerializer(),
                new StringSerializer());
    }
}
