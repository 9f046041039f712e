package ru.noko.export.ranking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ru.noko.export.files.ExportWriter;
import ru.noko.export.inputs.CampaignInputs;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignResult;

/**
 * Writes a campaign's export into the exports folder, as {@code <campaign>/<cut-off>/}: one folder per campaign and
 * cut-off, so exports are listed by date and never overwritten, and the same cut-off always names the same export.
 */
public final class Exporter {

    static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One stored export: its campaign, its cut-off and its folder. */
    public record Listed(String campaignId, Instant cutOff, Path folder) {}

    private final Path exports;
    private final String softwareVersion;

    public Exporter(Path exports, String softwareVersion) {
        this.exports = exports;
        this.softwareVersion = softwareVersion;
    }

    public Path folder(Campaign campaign, Instant cutOff) {
        return exports.resolve(campaign.id()).resolve(FOLDER_TIME.format(cutOff));
    }

    /** Writes the export; refuses when one with the same campaign and cut-off exists. */
    public Path export(Campaign campaign, CampaignInputs inputs, Instant cutOff) throws IOException {
        Path folder = folder(campaign, cutOff);
        if (Files.exists(folder)) {
            throw new IllegalStateException("выгрузка кампании " + campaign.id() + " с временем отсечки " + cutOff
                    + " уже есть: " + folder + "; выгрузки не перезаписываются");
        }
        CampaignResult result = campaign.scoring().score(inputs.registry(), inputs.counters(), inputs.selfAssessments());
        ExportContext context = new ExportContext(campaign, result, cutOff, inputs.recheckedAt(), softwareVersion,
                inputs.excluded());
        ExportWriter.write(new RankingWorkbook(context).build(), ExportParameters.of(context), folder,
                campaign.id() + "-" + FOLDER_TIME.format(cutOff));
        return folder;
    }

    /** Every stored export, by campaign, oldest first. */
    public List<Listed> list() throws IOException {
        List<Listed> listed = new ArrayList<>();
        if (!Files.isDirectory(exports)) {
            return listed;
        }
        try (Stream<Path> campaigns = Files.list(exports)) {
            for (Path campaign : campaigns.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> cuts = Files.list(campaign)) {
                    for (Path folder : cuts.filter(f -> Files.isRegularFile(f.resolve("manifest.json"))).sorted().toList()) {
                        listed.add(new Listed(campaign.getFileName().toString(),
                                Instant.from(FOLDER_TIME.parse(folder.getFileName().toString())), folder));
                    }
                }
            }
        }
        return listed;
    }
}
