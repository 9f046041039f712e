package ru.noko.export.ranking;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import ru.noko.export.files.Workbook;
import ru.noko.export.inputs.CampaignInputs;
import ru.noko.export.inputs.FileInputs;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;

/** The ranking workbook of the example campaign ({@code examples/noko}, as demo-2026-noko), for tests that print it. */
public final class ExampleExport {

    private ExampleExport() {}

    public static Workbook workbook() throws Exception {
        Path examples = Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko");
        Campaign campaign =
                Campaigns.load(Optional.empty()).find("demo-2026-noko").orElseThrow();
        CampaignInputs inputs = FileInputs.read(
                campaign,
                examples.resolve("registry.csv"),
                examples.resolve("responses.jsonl"),
                examples.resolve("self-assessment.json"));
        ExportContext context = new ExportContext(
                campaign,
                campaign.scoring().score(inputs.registry(), inputs.counters(), inputs.selfAssessments()),
                Instant.parse("2026-03-01T00:00:00Z"),
                null,
                "noko test",
                inputs.excluded());
        return new RankingWorkbook(context).build();
    }
}
