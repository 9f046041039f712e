package ru.noko.gateway.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.gateway.system.TopicFollower;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignDefinition;
import ru.noko.methodology.campaign.Campaigns;

/**
 * The campaigns this gateway runs: the bundled ones and {@code NOKO_CAMPAIGNS_DIR}'s at start, then every campaign
 * published to the campaigns topic (the portal's, or the demo's), read while the gateway runs, so a new or changed
 * campaign takes effect within seconds and without a restart. A published campaign that does not fit (an unknown
 * questionnaire, say) is logged and left out; the ones known before stay as they were.
 */
@Component
public class LiveCampaigns implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveCampaigns.class);

    private final KafkaSettings kafka;
    private volatile Campaigns current;
    private volatile TopicFollower follower;

    LiveCampaigns(KafkaSettings kafka, @Value("${noko.campaigns-folder:}") String folder) throws IOException {
        this.kafka = kafka;
        this.current = Campaigns.load(folder.isBlank() ? Optional.empty() : Optional.of(Path.of(folder)));
    }

    public Optional<Campaign> find(String campaignId) {
        return current.find(campaignId);
    }

    public List<Campaign> all() {
        return current.all();
    }

    /** Takes in one published campaign (its file's text). */
    synchronized void take(byte[] value) {
        try {
            CampaignDefinition definition = Campaigns.parse(new String(value, StandardCharsets.UTF_8));
            current = current.with(List.of(definition));
            log.info("Campaign {} taken from the campaigns topic", definition.id());
        } catch (IOException | RuntimeException e) {
            log.warn("A published campaign does not fit and is left out: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        follower =
                new TopicFollower(kafka.bootstrapServers(), kafka.campaignsTopic(), "campaigns", this::take, () -> {});
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
