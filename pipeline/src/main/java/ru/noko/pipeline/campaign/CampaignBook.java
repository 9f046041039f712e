package ru.noko.pipeline.campaign;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.noko.methodology.campaign.CampaignDefinition;
import ru.noko.methodology.campaign.Campaigns;

/**
 * The campaigns the job knows, as the operators that need them see them: the catalog the job started with (the
 * bundled campaigns, {@code NOKO_CAMPAIGNS_DIR}'s and the campaigns topic as it was then), a typed value given to each
 * operator, with the campaigns published since laid over it from the broadcast state every such operator keeps
 * ({@link #STATE}: campaign id → text). A campaign published while the job runs takes effect in each operator as its
 * record arrives, and a restart restores the broadcast state with the rest of the checkpoint.
 *
 * <p>Texts are parsed once per JVM ({@link #definition}); the catalog is built again only when the broadcast state
 * has changed.
 */
public final class CampaignBook implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CampaignBook.class);

    /** The broadcast state of the campaigns published while the job runs. */
    public static final MapStateDescriptor<String, String> STATE =
            new MapStateDescriptor<>("campaigns", Types.STRING, Types.STRING);

    private static final Map<String, CampaignDefinition> PARSED = new ConcurrentHashMap<>();

    private final HashMap<String, String> initial;
    private transient Campaigns built;

    private CampaignBook(Map<String, String> initial) {
        this.initial = new HashMap<>(initial);
    }

    /** @param texts campaign id → the text of its campaign file */
    public static CampaignBook of(Map<String, String> texts) {
        return new CampaignBook(texts);
    }

    /** A book of the given catalog's campaigns, for a job that has them as definitions (the batch re-check). */
    public static CampaignBook of(Campaigns campaigns) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (var campaign : campaigns.all()) {
            texts.put(campaign.id(), Campaigns.text(campaign.definition()));
        }
        return of(texts);
    }

    /** The campaign texts the job started with. */
    public Map<String, String> initialTexts() {
        return Map.copyOf(initial);
    }

    /** The catalog the job started with, checked; what operators without broadcast state (the readers) use. */
    public Campaigns initial() {
        return build(Map.of());
    }

    /**
     * The catalog with the campaigns published since the start, from the broadcast state: built when first asked
     * for (after a restore, from the restored state) and again by each {@link #take}, never per record.
     */
    public Campaigns campaigns(ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (built == null) {
            built = build(entries(state));
        }
        return built;
    }

    /**
     * Takes a published campaign into the broadcast state if it fits with the rest (the checks the portal made
     * already); one that does not is logged and left out, and the job goes on with what it had. A record without a
     * text (a deletion) is ignored: figures already collected keep their campaign.
     */
    public boolean take(CampaignText campaign, BroadcastState<String, String> state) throws Exception {
        if (campaign.id == null || campaign.text == null || campaign.text.isBlank()) {
            return false;
        }
        Map<String, String> published = entries(state);
        published.put(campaign.id, campaign.text);
        Campaigns catalog;
        try {
            catalog = build(published);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Campaign {} from the campaigns topic does not fit and is left out: {}",
                    campaign.id,
                    e.getMessage());
            return false;
        }
        state.put(campaign.id, campaign.text);
        built = catalog;
        return true;
    }

    private static Map<String, String> entries(ReadOnlyBroadcastState<String, String> state) throws Exception {
        Map<String, String> published = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : state.immutableEntries()) {
            published.put(entry.getKey(), entry.getValue());
        }
        return published;
    }

    private Campaigns build(Map<String, String> published) {
        Map<String, String> texts = new LinkedHashMap<>(initial);
        texts.putAll(published);
        List<CampaignDefinition> definitions = new ArrayList<>();
        for (String text : texts.values()) {
            definitions.add(definition(text));
        }
        try {
            return Campaigns.of(definitions);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled questionnaires and models read when the job was built", e);
        }
    }

    /** A campaign file's text read once per JVM: the same text always reads the same. */
    public static CampaignDefinition definition(String text) {
        return PARSED.computeIfAbsent(text, key -> {
            try {
                return Campaigns.parse(key);
            } catch (IOException e) {
                throw new IllegalArgumentException("not a campaign file: " + e.getMessage(), e);
            }
        });
    }
}
