package ru.noko.portal.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignDefinition;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.registry.OrganizationType;

/**
 * The campaigns the region runs: the bundled ones and {@code NOKO_CAMPAIGNS_DIR}'s, with the operator's own (made or
 * changed in the portal, kept in PostgreSQL) laid over them.
 */
@Component
public class CampaignCatalog {

    private final JdbcClient db;
    private final Map<String, String> files;
    private volatile Campaigns current;

    CampaignCatalog(JdbcClient db, @Value("${noko.campaigns-folder:}") String folder) throws IOException {
        this.db = db;
        this.files = Campaigns.texts(folder.isBlank() ? Optional.empty() : Optional.of(Path.of(folder)));
    }

    public List<Campaign> all() {
        return campaigns().all();
    }

    public Optional<Campaign> find(String id) {
        return campaigns().find(id);
    }

    /** The campaigns whose window for the type is open now, or which run at any time. */
    public List<Campaign> openFor(OrganizationType type, Instant now) {
        return all().stream()
                .filter(campaign -> campaign.window(type, now).isOpen())
                .toList();
    }

    /** Whether the campaign is one of the deployment's files rather than the portal's own. */
    public boolean isFile(String id) {
        return files.containsKey(id)
                && db.sql("SELECT count(*) FROM campaigns WHERE id = ?")
                                .param(id)
                                .query(Long.class)
                                .single()
                        == 0;
    }

    /** The text of every campaign, as published to the campaigns topic. */
    public Map<String, String> texts() {
        Map<String, String> texts = new java.util.LinkedHashMap<>(files);
        db.sql("SELECT id, definition FROM campaigns ORDER BY id")
                .query((row, n) -> Map.entry(row.getString("id"), row.getString("definition")))
                .list()
                .forEach(entry -> texts.put(entry.getKey(), entry.getValue()));
        return texts;
    }

    /** The catalog with one definition laid over it, as it would be after saving it: checked, or the problems. */
    public Campaigns with(CampaignDefinition definition) throws IOException {
        return campaigns().with(List.of(definition));
    }

    /** Forgets the campaigns read, after a save (or a test's fresh start). */
    public void reload() {
        current = null;
    }

    private Campaigns campaigns() {
        Campaigns known = current;
        if (known == null) {
            try {
                List<CampaignDefinition> definitions = new ArrayList<>();
                for (String text : texts().values()) {
                    definitions.add(Campaigns.parse(text));
                }
                known = Campaigns.of(definitions);
            } catch (IOException e) {
                throw new UncheckedIOException("the campaigns saved were checked when they were saved", e);
            }
            current = known;
        }
        return known;
    }
}
