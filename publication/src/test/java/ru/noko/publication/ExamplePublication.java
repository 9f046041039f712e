package ru.noko.publication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ru.noko.export.inputs.FileInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.publication.site.PublicSite;
import ru.noko.publication.site.SiteAddress;

/**
 * The example campaign ({@code examples/noko}, as demo-2026-noko) published from its files, with the previous year's
 * campaign (demo-2025-noko) made of its first responses only, so every organization has a change to show.
 */
public final class ExamplePublication {

    public static final Instant CUT_OFF = Instant.parse("2026-03-01T00:00:00Z");
    public static final String CAMPAIGN = "demo-2026-noko";
    public static final String PREVIOUS = "demo-2025-noko";
    public static final String URL = "https://noko.example.ru/results";

    private ExamplePublication() {}

    /** A publisher over the example files, its exports in {@code exports}, its site in {@code site}. */
    public static ResultsPublisher publisher(Path exports, Path site) throws Exception {
        Path examples = Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko");
        Path earlier = Files.createTempFile("previous-responses", ".jsonl");
        List<String> lines = Files.readAllLines(examples.resolve("responses.jsonl"));
        Files.write(earlier, lines.subList(0, lines.size() / 2));
        Campaigns campaigns = Campaigns.load(Optional.empty());
        return new ResultsPublisher(
                campaigns::find,
                (campaign, cutOff) -> FileInputs.read(
                        campaign,
                        examples.resolve("registry.csv"),
                        campaign.id().equals(PREVIOUS) ? earlier : examples.resolve("responses.jsonl"),
                        examples.resolve("self-assessment.json")),
                new Exporter(exports, "noko test"),
                new PublicSite(site, new SiteAddress(URL), "Региональный оператор (тест)"));
    }
}
