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
            write(context(campaign, inputs, cutOff), folder);
        }
        store.keep(campaign.id(), cutOff, folder);
        return folder;
    }

    /** What an export of these inputs at this cut-off is made of: its figures and parameters. */
    public ExportContext context(Campaign campaign, CampaignInputs inputs, Instant cutOff) {
        CampaignResult result =
                campaign.scoring().score(inputs.registry(), inputs.counters(), inputs.selfAssessments());
        return new ExportContext(campaign, result, cutOff, inputs.recheckedAt(), softwareVersion, inputs.excluded());
    }

    /**
     * The manifest of this context's export: the one in the local folder where it was written, or, where the store
     * holds it elsewhere, the same bytes written again into a scratch folder (an export is reproducible: the same
     * inputs and cut-off give the same files).
     */
    public byte[] manifest(ExportContext context) throws IOException {
        Path kept = folder(context.campaign(), context.cutOff()).resolve(Manifest.FILE_NAME);
        if (Files.isRegularFile(kept)) {
            return Files.readAllBytes(kept);
        }
        Path scratch = Files.createTempDirectory("noko-export-");
        try {
            Path folder = scratch.resolve("export");
            write(context, folder);
            return Files.readAllBytes(folder.resolve(Manifest.FILE_NAME));
        } finally {
            try (var files = Files.walk(scratch)) {
                for (Path path :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static void write(ExportContext context, Path folder) throws IOException {
        ExportWriter.write(
                new RankingWorkbook(context).build(),
                ExportParameters.of(context),
                folder,
                context.campaign().id() + "-" + CutOffName.of(context.cutOff()));
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
