package ru.noko.export.ranking;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import ru.noko.export.files.ExportWriter;
import ru.noko.export.files.Manifest;
import ru.noko.export.inputs.CampaignInputs;
import ru.noko.export.store.CutOffName;
import ru.noko.export.store.ExportStore;
import ru.noko.export.store.LocalExportStore;
import ru.noko.export.store.StoredExport;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignResult;

/**
 * Writes a campaign's export into the exports folder, as {@code <campaign>/<cut-off>/}: one folder per campaign and
 * cut-off, so exports are listed by date and never overwritten, and the same cut-off always names the same export.
 * Then the store keeps it: the folder itself, or S3-compatible storage on the server, which gets the folder's files.
 */
public final class Exporter {

    private final LocalExportStore folders;
    private final ExportStore store;
    private final String softwareVersion;

    /** Exports kept in the local folder only. */
    public Exporter(Path exports, String softwareVersion) {
        this(exports, softwareVersion, new LocalExportStore(exports));
    }

    /** Exports written into the local folder and kept by the store. */
    public Exporter(Path exports, String softwareVersion, ExportStore store) {
        this.folders = new LocalExportStore(exports);
        this.store = store;
        this.softwareVersion = softwareVersion;
    }

    public Path folder(Campaign campaign, Instant cutOff) {
        return folders.folder(campaign.id(), cutOff);
    }

    /** Whether the store holds this export already (the schedule writes nothing then). */
    public boolean exported(Campaign campaign, Instant cutOff) throws IOException {
        return store.holds(campaign.id(), cutOff);
    }

    /**
     * Writes the export, and has the store keep it; refuses when the store holds one with the same campaign and
     * cut-off. A local copy the store does not hold yet (its upload failed) is kept as it is, not written again.
     */
    public Path export(Campaign campaign, CampaignInputs inputs, Instant cutOff) throws IOException {
        Path folder = folder(campaign, cutOff);
        if (store.holds(campaign.id(), cutOff)) {
            throw new FileAlreadyExistsException(
                    store.location(campaign.id(), cutOff),
                    null,
                    "выгрузка кампании " + campaign.id() + " с временем отсечки " + cutOff
                            + " уже есть; выгрузки не перезаписываются");
        }
        if (!Files.isRegularFile(folder.resolve(Manifest.FILE_NAME))) {
            CampaignResult result =
                    campaign.scoring().score(inputs.registry(), inputs.counters(), inputs.selfAssessments());
            ExportContext context = new ExportContext(
                    campaign, result, cutOff, inputs.recheckedAt(), softwareVersion, inputs.excluded());
            ExportWriter.write(
                    new RankingWorkbook(context).build(),
                    ExportParameters.of(context),
                    folder,
                    campaign.id() + "-" + CutOffName.of(cutOff));
        }
        store.keep(campaign.id(), cutOff, folder);
        return folder;
    }

    /** Where an export is kept, for people to read: its folder, or its place in S3. */
    public String location(Campaign campaign, Instant cutOff) {
        return store.location(campaign.id(), cutOff);
    }

    /** Every export the store holds, by campaign, oldest first. */
    public List<StoredExport> list() throws IOException {
        return store.list();
    }
}
