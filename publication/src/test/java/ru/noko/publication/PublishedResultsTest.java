package ru.noko.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.publication.figures.PublicResults;
import ru.noko.publication.site.Publication;

/**
 * The example campaign published: every organization's page shows exactly the figures of the ministry's export at
 * the same cut-off (criteria, score, level, places, respondents, the municipal and regional means, every indicator
 * with its numerator and denominator), the open data says the same, the badge is an SVG naming S and the level, and a
 * withdrawn campaign leaves no file behind.
 */
public class PublishedResultsTest {

    private static final String ORGANIZATIONS_RANK_REGION = "Место в регионе (среди организаций своего типа)";
    private static final String ORGANIZATIONS_RANK_MUNICIPALITY =
            "Место в муниципалитете (среди организаций своего типа)";

    @TempDir
    Path exports;

    @TempDir
    Path site;

    private ResultsPublisher publisher;
    private Path export;

    @BeforeEach
    void publishTheExample() throws Exception {
        publisher = ExamplePublication.publisher(exports, site);
        publisher.publish(ExamplePublication.PREVIOUS, ExamplePublication.CUT_OFF, "operator", Instant.now());
        Publication publication =
                publisher.publish(ExamplePublication.CAMPAIGN, ExamplePublication.CUT_OFF, "operator", Instant.now());
        assertThat(publication.organizations()).isEqualTo(5);
        export = exports.resolve(ExamplePublication.CAMPAIGN).resolve("20260301T000000Z");
        assertThat(export.resolve("manifest.json"))
                .as("publishing wrote the ministry's export")
                .isRegularFile();
    }

    @Test
    void everyOrganizationsPageShowsTheExportsFiguresValueForValue() throws Exception {
        List<CSVRecord> organizations = csv(export.resolve("organizations.csv"));
        Map<String, CSVRecord> municipal = new HashMap<>();
        csv(export.resolve("municipalities.csv"))
                .forEach(r -> municipal.put(r.get("Муниципалитет") + "\n" + r.get("Тип организаций"), r));
        Map<String, CSVRecord> regional = new HashMap<>();
        csv(export.resolve("regions.csv")).forEach(r -> regional.put(r.get("Тип организаций"), r));
        List<CSVRecord> indicators = csv(export.resolve("indicators.csv"));
        List<String> figures = List.of("K1", "K2", "K3", "K4", "K5", "S");
        int checked = 0;
        for (CSVRecord row : organizations) {
            Document page = organizationPage(row.get("ИНН"));
            assertThat(page.getElementById("score").attr("data-value")).isEqualTo(row.get("S"));
            assertThat(page.getElementById("level").attr("data-value")).isEqualTo(row.get("Уровень"));
            assertThat(page.getElementById("respondents").text()).isEqualTo(row.get("Респондентов"));
            assertThat(page.getElementById("rank-region").attr("data-value"))
                    .isEqualTo(row.get(ORGANIZATIONS_RANK_REGION));
            assertThat(page.getElementById("rank-municipality").attr("data-value"))
                    .isEqualTo(row.get(ORGANIZATIONS_RANK_MUNICIPALITY));
            CSVRecord mean = municipal.get(row.get("Муниципалитет") + "\n" + row.get("Тип организации"));
            CSVRecord regionMean = regional.get(row.get("Тип организации"));
            for (String figure : figures) {
                Element line = page.selectFirst("#criteria tr[data-figure=" + figure + "]");
                assertThat(cell(line, "value")).as(figure).isEqualTo(row.get(figure));
                assertThat(cell(line, "municipal")).as(figure + " municipal").isEqualTo(mean.get(figure));
                assertThat(cell(line, "regional")).as(figure + " regional").isEqualTo(regionMean.get(figure));
                checked += 3;
            }
            for (CSVRecord indicator : indicators) {
                if (!indicator.get("ИНН").equals(row.get("ИНН"))) {
                    continue;
                }
                Element line = page.selectFirst("#indicators tr[data-indicator=" + indicator.get("Код") + "]");
                assertThat(line).as(indicator.get("Код")).isNotNull();
                assertThat(cell(line, "value")).isEqualTo(indicator.get("Значение"));
                assertThat(text(line, "numerator")).isEqualTo(indicator.get("Числитель"));
                assertThat(text(line, "denominator")).isEqualTo(indicator.get("Знаменатель"));
                checked += 3;
            }
        }
        assertThat(checked).as("figures compared").isGreaterThan(300);
    }

    @Test
    void theChangeIsAgainstThePreviousCampaignsPublishedFigures() throws Exception {
        List<CSVRecord> previous = csv(exports.resolve(ExamplePublication.PREVIOUS)
                .resolve("20260301T000000Z")
                .resolve("organizations.csv"));
        List<CSVRecord> now = csv(export.resolve("organizations.csv"));
        int changed = 0;
        for (CSVRecord row : now) {
            CSVRecord before = previous.stream()
                    .filter(r -> r.get("ИНН").equals(row.get("ИНН")))
                    .findFirst()
                    .orElseThrow();
            Element line = organizationPage(row.get("ИНН")).selectFirst("#criteria tr[data-figure=S]");
            assertThat(cell(line, "previous")).isEqualTo(before.get("S"));
            if (!row.get("S").isEmpty() && !before.get("S").isEmpty()) {
                BigDecimal change = new BigDecimal(row.get("S")).subtract(new BigDecimal(before.get("S")));
                assertThat(new BigDecimal(cell(line, "change"))).isEqualByComparingTo(change);
                changed += change.signum() != 0 ? 1 : 0;
            }
        }
        assertThat(changed)
                .as("half the responses a year before give other scores")
                .isPositive();
    }

    @Test
    void theOpenDataHoldsTheSameFiguresAndDescribesEveryField() throws Exception {
        Path campaign = site.resolve(ExamplePublication.CAMPAIGN);
        List<CSVRecord> data = csv(campaign.resolve("data.csv"));
        List<CSVRecord> structure = csv(campaign.resolve("structure.csv"));
        assertThat(structure.stream().map(r -> r.get("field name")).toList())
                .as("every column described, in order")
                .containsExactlyElementsOf(data.get(0).getParser().getHeaderNames());
        JsonNode json =
                new ObjectMapper().readTree(campaign.resolve("data.json").toFile());
        assertThat(json.get("organizations")).hasSize(data.size());
        for (CSVRecord row : csv(export.resolve("organizations.csv"))) {
            CSVRecord open = data.stream()
                    .filter(r -> r.get("inn").equals(row.get("ИНН")))
                    .findFirst()
                    .orElseThrow();
            assertThat(open.get("S")).isEqualTo(row.get("S"));
            assertThat(open.get("K3")).isEqualTo(row.get("K3"));
            assertThat(open.get("rank_region")).isEqualTo(row.get(ORGANIZATIONS_RANK_REGION));
            JsonNode same = null;
            for (JsonNode node : json.get("organizations")) {
                if (node.get("inn").asText().equals(row.get("ИНН"))) {
                    same = node;
                }
            }
            assertThat(same).isNotNull();
            assertThat(
                            same.get("S").isNull()
                                    ? ""
                                    : same.get("S").decimalValue().toPlainString())
                    .isEqualTo(row.get("S"));
        }
        List<CSVRecord> passport = csv(campaign.resolve("meta.csv"));
        assertThat(passport.stream().map(r -> r.get("property")))
                .contains("standardversion", "identifier", "title", "creator", "format");
        assertThat(passport.stream().map(r -> r.get("value")))
                .contains(ExamplePublication.URL + "/" + ExamplePublication.CAMPAIGN + "/data.csv");
        assertThat(campaign.resolve("export-manifest.json"))
                .as("the export's manifest, byte for byte")
                .hasSameBinaryContentAs(export.resolve("manifest.json"));
    }

    @Test
    void theBadgeIsAnSvgNamingTheScoreAndTheLevel() throws Exception {
        for (CSVRecord row : csv(export.resolve("organizations.csv"))) {
            String id = organizationId(row.get("ИНН"));
            Path badge = site.resolve(ExamplePublication.CAMPAIGN).resolve("o").resolve(id + ".svg");
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var svg = factory.newDocumentBuilder().parse(badge.toFile()).getDocumentElement();
            assertThat(svg.getLocalName()).isEqualTo("svg");
            assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            String text = svg.getTextContent();
            assertThat(text).contains("S = " + row.get("S").replace('.', ','));
            assertThat(text).contains(row.get("Уровень"));
            assertThat(site.resolve("o").resolve(id + ".svg"))
                    .as("the stable badge is the last published campaign's")
                    .hasSameBinaryContentAs(badge);
        }
    }

    @Test
    void aWithdrawnCampaignLeavesNothingBehind() throws Exception {
        String id =
                organizationId(csv(export.resolve("organizations.csv")).get(0).get("ИНН"));
        assertThat(publisher.site().publications())
                .extracting(Publication::campaignId)
                .containsExactly(ExamplePublication.PREVIOUS, ExamplePublication.CAMPAIGN);
        assertThat(publisher.withdraw(ExamplePublication.CAMPAIGN)).isTrue();
        assertThat(site.resolve(ExamplePublication.CAMPAIGN)).doesNotExist();
        assertThat(site.resolve("o").resolve(id + ".html"))
                .as("the stable copy belonged to the withdrawn campaign")
                .doesNotExist();
        assertThat(site.resolve("o").resolve(id + ".svg")).doesNotExist();
        try (var left = Files.list(site)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("assets", "o", ExamplePublication.PREVIOUS);
        }
        assertThat(publisher.withdraw(ExamplePublication.CAMPAIGN)).isFalse();
    }

    @Test
    void aCutOffInTheFutureIsRefused() {
        assertThatThrownBy(() -> publisher.publish(
                        ExamplePublication.CAMPAIGN, Instant.now().plusSeconds(3600), "operator", Instant.now()))
                .hasMessageContaining("ещё не наступило");
        assertThatThrownBy(() -> publisher.publish("no-such", ExamplePublication.CUT_OFF, "operator", Instant.now()))
                .hasMessageContaining("неизвестная кампания");
    }

    @Test
    void municipalitiesHaveStableNamesOfTheirOwn() {
        assertThat(PublicResults.slug("Иркутская область", "г. Иркутск"))
                .isEqualTo(PublicResults.slug("Иркутская область", "г. Иркутск"))
                .isNotEqualTo(PublicResults.slug("Иркутская область", "Ангарский городской округ"))
                .matches("m[0-9a-f]{12}");
    }

    private Document organizationPage(String inn) throws Exception {
        String id = organizationId(inn);
        Path page = site.resolve(ExamplePublication.CAMPAIGN).resolve("o").resolve(id + ".html");
        return Jsoup.parse(page.toFile(), "UTF-8");
    }

    private String organizationId(String inn) throws Exception {
        for (CSVRecord row : csv(site.resolve(ExamplePublication.CAMPAIGN).resolve("data.csv"))) {
            if (row.get("inn").equals(inn)) {
                return row.get("organization_id");
            }
        }
        throw new AssertionError("no organization with INN " + inn);
    }

    private static String cell(Element line, String column) {
        return line.selectFirst("td[data-column=" + column + "]").attr("data-value");
    }

    private static String text(Element line, String column) {
        String text = line.selectFirst("td[data-column=" + column + "]").text();
        return text.equals("—") ? "" : text;
    }

    public static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new ArrayList<>(CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(reader)
                    .getRecords());
        }
    }
}
