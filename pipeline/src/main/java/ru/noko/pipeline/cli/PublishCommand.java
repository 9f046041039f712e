package ru.noko.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.cli.CampaignOptions;
import ru.noko.methodology.cli.CommandFailure;
import ru.noko.methodology.cli.Commands;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.methodology.data.SelfAssessmentFile;
import ru.noko.methodology.data.UnreadableFileException;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.RegistryCsv;
import ru.noko.methodology.registry.RegistryImportException;
import ru.noko.methodology.registry.RegistryJson;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * {@code ./noko publish}: puts the organization registry (the CSV the {@code score} command reads) and the
 * organizations' self-assessments on the Kafka topics the streaming job joins into the live figures and coverage.
 * Both files are checked in full first, by the same code as the {@code score} command; a file with a problem
 * publishes nothing. Records are keyed by organization, so a later publication of an organization replaces it.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Publishes the organization registry and self-assessments to Kafka for the live figures.")
public final class PublishCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(
            names = "--bootstrap",
            description = "Kafka bootstrap servers (default: NOKO_KAFKA_BOOTSTRAP, or the local run's)")
    String bootstrap = EnvironmentSettings.ofSystem().text("NOKO_KAFKA_BOOTSTRAP", "127.0.0.1:19092");

    @Option(names = "--registry", required = true, description = "organization registry CSV")
    Path registry;

    @Option(names = "--self-assessments", description = "self-assessments JSON: [{\"organizationId\", \"inputs\"}]")
    Path selfAssessments;

    /** The campaign the self-assessments belong to: required with them. */
    @Mixin
    CampaignOptions campaign = new CampaignOptions();

    @Option(names = "--organizations-topic", description = "default: ${DEFAULT-VALUE}")
    String organizationsTopic = "noko.organizations";

    @Option(names = "--self-assessments-topic", description = "default: ${DEFAULT-VALUE}")
    String selfAssessmentsTopic = "noko.self-assessments";

    public static void main(String[] args) {
        Commands.run(new PublishCommand(), args);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        try {
            OrganizationRegistry organizations = UnreadableFileException.read(registry, RegistryCsv::read);
            for (Organization organization : organizations.organizations()) {
                records.add(record(organizationsTopic, organization.id(), RegistryJson.write(organization)));
            }
            if (selfAssessments != null) {
                if (!campaign.given()) {
                    throw new CommandFailure("для самообследований нужна кампания (--campaign)");
                }
                Campaign assessed = campaign.campaign();
                Map<String, Map<String, Integer>> inputs = UnreadableFileException.read(
                        selfAssessments, file -> SelfAssessmentFile.read(file, assessed.model(), organizations));
                for (Map.Entry<String, Map<String, Integer>> entry : inputs.entrySet()) {
                    records.add(record(
                            selfAssessmentsTopic, entry.getKey(), selfAssessment(entry.getKey(), entry.getValue())));
                }
            }
        } catch (RegistryImportException e) {
            throw CommandFailure.registry(registry, e, ", ничего не опубликовано");
        } catch (DataFormatException e) {
            throw new CommandFailure(
                    "самообследования не приняты (ошибок — " + e.problems().size() + "), ничего не опубликовано",
                    e.problems().stream()
                            .map(problem -> selfAssessments + ": " + problem)
                            .toList());
        } catch (UnreadableFileException e) {
            throw new CommandFailure("файл не прочитан, ничего не опубликовано", List.of(e.getMessage()));
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> acknowledgement : sent) {
                acknowledgement.get();
            }
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new CommandFailure("Kafka (" + bootstrap + ") не приняла записи: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("прервано");
        }
        long registryCount = records.stream()
                .filter(r -> r.topic().equals(organizationsTopic))
                .count();
        // "организаций — N" reads right for any N, unlike "N организаций".
        err.println("publish: опубликовано в Kafka " + bootstrap + ": организаций — " + registryCount + " ("
                + organizationsTopic + "), самообследований — " + (records.size() - registryCount) + " ("
                + selfAssessmentsTopic + ")");
        return 0;
    }

    private String selfAssessment(String organizationId, Map<String, Integer> inputs) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("campaignId", campaign.id());
        node.put("organizationId", organizationId);
        node.set("inputs", JSON.valueToTree(inputs));
        return JSON.writeValueAsString(node);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String organizationId, String json) {
        return new ProducerRecord<>(topic, organizationId, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every record acknowledged by all in-sync replicas before the command reports success. */
    private KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }
}
