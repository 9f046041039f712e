package ru.noko.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ru.noko.devstack.DevStack;
import ru.noko.methodology.cli.Commands;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.RegistryCsv;
import ru.noko.methodology.registry.RegistryJson;

/** {@code ./noko publish} against a real Kafka broker, with the example campaign's files. */
class PublishCommandTest {

    private static final Path REGISTRY = Path.of("../examples/noko/registry.csv");
    private static final Path SELF_ASSESSMENTS = Path.of("../examples/noko/self-assessment.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theRegistryAndTheSelfAssessmentsArriveOnTheirTopicsKeyedByOrganization() throws Exception {
        String prefix = "publish-" + UUID.randomUUID();

        int exit = publish(
                prefix,
                "--registry",
                REGISTRY.toString(),
                "--self-assessments",
                SELF_ASSESSMENTS.toString(),
                "--campaign",
                "demo-2026-noko");

        assertThat(exit).as(err.toString()).isZero();
        List<Organization> expected = RegistryCsv.read(REGISTRY).organizations();
        List<ConsumerRecord<String, byte[]>> registry = read(prefix + ".organizations", expected.size());
        List<Organization> published = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : registry) {
            Organization organization = RegistryJson.parse(new String(record.value(), StandardCharsets.UTF_8));
            assertThat(record.key()).isEqualTo(organization.id());
            published.add(organization);
        }
        assertThat(published).containsExactlyInAnyOrderElementsOf(expected);

        JsonNode file = JSON.readTree(SELF_ASSESSMENTS.toFile());
        List<ConsumerRecord<String, byte[]>> assessments = read(prefix + ".self-assessments", file.size());
        for (ConsumerRecord<String, byte[]> record : assessments) {
            JsonNode assessment = JSON.readTree(record.value());
            assertThat(assessment.get("campaignId").asText()).isEqualTo("demo-2026-noko");
            assertThat(record.key()).isEqualTo(assessment.get("organizationId").asText());
        }
        assertThat(assessments)
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(file.findValuesAsText("organizationId"));
        assertThat(err.toString())
                .as("the summary, on standard error")
                .contains(
                        "publish: опубликовано в Kafka " + DevStack.kafka().bootstrapServers(),
                        "организаций — " + expected.size() + " (" + prefix + ".organizations)",
                        "самообследований — " + file.size() + " (" + prefix + ".self-assessments)");
    }

    @Test
    void aRegistryWithAnErrorPublishesNothingAndSaysWhichLine(@TempDir Path folder) throws Exception {
        String prefix = "publish-" + UUID.randomUUID();
        Path broken = folder.resolve("registry.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(REGISTRY));
        lines.set(2, lines.get(2).replace("3808012355", "3808012356"));
        Files.write(broken, lines);

        int exit = publish(prefix, "--registry", broken.toString());

        assertThat(exit).isEqualTo(Commands.FAILED);
        assertThat(err.toString()).contains(broken + ":3").contains("ИНН").contains("ничего не опубликовано");
        assertThat(read(prefix + ".organizations", 0)).isEmpty();
    }

    @Test
    void aSelfAssessmentFileThatDoesNotParseIsNamedByFileAndLineInRussianAndNothingIsPublished(@TempDir Path folder)
            throws Exception {
        String prefix = "publish-" + UUID.randomUUID();
        Path broken = folder.resolve("self-assessment.json");
        Files.writeString(broken, "[\n  {\"organizationId\": \"irk-sosh-7\", \"inputs\": {\"standItems\": 8.5}}\n]\n");

        int exit = publish(
                prefix,
                "--registry",
                REGISTRY.toString(),
                "--self-assessments",
                broken.toString(),
                "--campaign",
                "demo-2026-noko");

        assertThat(exit).isEqualTo(Commands.FAILED);
        assertThat(err.toString())
                .contains(broken + ":2:")
                .contains("поле inputs.standItems")
                .contains("ожидается целое число")
                .contains("ничего не опубликовано")
                .doesNotContain("java.", "jackson", "Exception", "\tat ");
        assertThat(read(prefix + ".organizations", 0))
                .as("not even the registry")
                .isEmpty();
    }

    @Test
    void selfAssessmentsNeedTheirCampaign() throws Exception {
        int exit = publish(
                "publish-" + UUID.randomUUID(),
                "--registry",
                REGISTRY.toString(),
                "--self-assessments",
                SELF_ASSESSMENTS.toString());

        assertThat(exit).isEqualTo(Commands.FAILED);
        assertThat(err.toString()).contains("--campaign");
    }

    /** Publishes to topics of its own, created first as a deployment's are. */
    private int publish(String prefix, String... args) {
        DevStack.kafka().createTopic(prefix + ".organizations", 2);
        DevStack.kafka().createTopic(prefix + ".self-assessments", 2);
        List<String> all = new ArrayList<>(List.of(
                "--bootstrap",
                DevStack.kafka().bootstrapServers(),
                "--organizations-topic",
                prefix + ".organizations",
                "--self-assessments-topic",
                prefix + ".self-assessments"));
        all.addAll(List.of(args));
        CommandLine command = Commands.commandLine(new PublishCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(all.toArray(String[]::new));
    }

    /** The topic's records, waiting until {@code expected} have come (or a few seconds, when none are expected). */
    private static List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.kafka().bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime()
                    + Duration.ofSeconds(expected == 0 ? 5 : 30).toNanos();
            while (System.nanoTime() < until && (expected == 0 || records.size() < expected)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
