package ru.noko.methodology.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.methodology.data.DataFormatException;

/** A campaign may name the same survey's previous campaign, which analysts compare it against. */
class PreviousCampaignTest {

    @TempDir
    Path folder;

    @Test
    void theDemoCampaignComparesWithLastYearsAndACampaignWithoutOneHasNone() throws Exception {
        Campaigns campaigns = Campaigns.load(Optional.empty());

        assertThat(campaigns.find("demo-2026-noko").orElseThrow().definition().previous())
                .isEqualTo("demo-2025-noko");
        assertThat(campaigns.find("demo-2025-noko").orElseThrow().definition().previous())
                .isEmpty();
    }

    @Test
    void aPreviousCampaignNobodyDefinedIsRefused() throws Exception {
        Files.writeString(folder.resolve("c.yaml"), """
                id: region-2027-noko
                title: "НОКО 2027"
                instrument: noko-education
                model: noko-education
                previous: region-2026-noko
                """);

        assertThatThrownBy(() -> Campaigns.load(Optional.of(folder)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("'region-2027-noko' names an unknown previous campaign 'region-2026-noko'");
    }

    @Test
    void aPreviousCampaignOfAnotherQuestionnaireIsRefused() throws Exception {
        Files.writeString(folder.resolve("c.yaml"), """
                id: region-2027-satisfaction
                title: "Удовлетворенность 2027"
                instrument: regional-satisfaction
                model: regional-satisfaction
                previous: demo-2026-noko
                """);

        assertThatThrownBy(() -> Campaigns.load(Optional.of(folder)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("use different questionnaires");
    }
}
