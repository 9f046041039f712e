package ru.noko.gateway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.gateway.system.TopicFollower;
import ru.noko.methodology.registry.OrganizationType;
import ru.noko.schemas.Identifiers;

/**
 * The registry of organizations as the survey pages need it — id, name and type — read from the organizations topic into
 * memory, so a page never waits for Kafka. Each instance reads the whole topic from its beginning with no consumer
 * group and keeps reading, so an organization published later gets its page too; a later entry for the same id
 * replaces the earlier one. The JSON is parsed here rather than by the pipeline's reader: the gateway does not depend
 * on the pipeline.
 */
@Component
public class RegisteredOrganizations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegisteredOrganizations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a page needs of an organization.
     *
     * @param type its type, which decides its campaign window; empty when the entry has none the gateway knows
     */
    public record Organization(
            String id, String name, Optional<OrganizationType> type, String municipality, String region) {}

    private final KafkaSettings kafka;
    private final Map<String, Organization> byId = new ConcurrentHashMap<>();
    private volatile TopicFollower follower;

    RegisteredOrganizations(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    public Optional<Organization> find(String organizationId) {
        return Optional.ofNullable(byId.get(organizationId));
    }

    /** Whether no registry entry has been read: a deployment that publishes no registry leaves it to the pipeline. */
    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /**
     * Whether the topic has been read up to where it ended at start: before that, an organization missing from memory
     * may only not have been read yet.
     */
    public boolean loaded() {
        return follower != null && follower.caughtUp();
    }

    /** Takes in one registry entry; one that does not read is skipped (the pipeline's import reports it). */
    void register(byte[] value) {
        try {
            JsonNode json = JSON.readTree(value);
            String id = json.path("organizationId").asText("").strip();
            String name = json.path("name").asText("").strip();
            Optional<OrganizationType> type =
                    OrganizationType.fromCode(json.path("type").asText("").strip());
            if (Identifiers.ID_PATTERN.matcher(id).matches() && !name.isEmpty()) {
                byId.put(
                        id,
                        new Organization(
                                id,
                                name,
                                type,
                                json.path("municipality").asText("").strip(),
                                json.path("region").asText("").strip()));
            }
        } catch (Exception e) {
            log.debug("A registry record does not read: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        follower = new TopicFollower(
                kafka.bootstrapServers(), kafka.organizationsTopic(), "organizations", this::register, () -> {});
        follower.start();
    }

    @Override
    public void stop() {
        if (follower != null) {
            follower.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return follower != null && follower.isRunning();
    }
}
