package ru.noko.portal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.postgres.PostgresServer;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * The portal on real services: the test JVM's PostgreSQL (a database of its own per context), Kafka and ClickHouse
 * (the pipeline's tables, migrated). The portal tests share it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestData.class)
public abstract class PortalStack {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-password-for-tests";
    public static final String ORGANIZATIONS = "portal-test.organizations";
    public static final String CAMPAIGNS = "portal-test.campaigns";
    public static final String SELF_ASSESSMENTS = "portal-test.self-assessments";
    public static final String SESSIONS = "portal-test.sessions";
    public static final String CLICKHOUSE_DATABASE = "portal_test";

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestData data;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws SQLException {
        PostgresServer postgres = DevStack.postgres();
        KafkaBroker kafka = DevStack.kafka();
        kafka.createTopic(ORGANIZATIONS, 1);
        kafka.createTopic(CAMPAIGNS, 1);
        kafka.createTopic(SELF_ASSESSMENTS, 1);
        kafka.createTopic(SESSIONS, 1);
        ClickHouseTarget clickHouse =
                ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), CLICKHOUSE_DATABASE);
        new ClickHouseMigrator(clickHouse).migrate();
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", postgres::user);
        registry.add("spring.datasource.password", postgres::password);
        registry.add("noko.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("noko.kafka.organizations-topic", () -> ORGANIZATIONS);
        registry.add("noko.kafka.campaigns-topic", () -> CAMPAIGNS);
        registry.add("noko.kafka.self-assessments-topic", () -> SELF_ASSESSMENTS);
        registry.add("noko.kafka.sessions-topic", () -> SESSIONS);
        String files = DevStack.scratch("portal-files").toString();
        registry.add("noko.portal.files-folder", () -> files);
        String results = DevStack.scratch("public-results").toString();
        String exports = DevStack.scratch("portal-exports").toString();
        registry.add("noko.publication.folder", () -> results);
        registry.add("noko.publication.exports-folder", () -> exports);
        registry.add("noko.clickhouse.port", () -> clickHouse.port());
        registry.add("noko.clickhouse.database", () -> CLICKHOUSE_DATABASE);
        registry.add("noko.portal.operator-password", () -> OPERATOR_PASSWORD);
        registry.add("noko.portal.public-url", () -> "https://anketa.example.ru");
        registry.add("noko.portal.grafana-url", () -> "https://grafana.example.ru");
    }

    /** Each test starts from the same accounts and registry (the audit log only grows). */
    @BeforeEach
    void sameStart() {
        data.reset();
    }

    protected PortalBrowser browser() {
        return new PortalBrowser(port);
    }

    /** A browser signed in as the account (the operator's or a test account's known password). */
    protected PortalBrowser signedIn(String login) throws Exception {
        PortalBrowser browser = browser();
        browser.login(login, login.equals(OPERATOR) ? OPERATOR_PASSWORD : TestData.PASSWORD);
        return browser;
    }

    /**
     * The records published on the topic under the key, oldest first, once there are at least {@code count} of them
     * (or after 20 seconds, however many there are).
     */
    protected static List<ConsumerRecord<String, String>> published(String topic, String key, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        DevStack.kafka().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "portal-test-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline
                    && records.stream().filter(r -> key.equals(r.key())).count() < count) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }
}
