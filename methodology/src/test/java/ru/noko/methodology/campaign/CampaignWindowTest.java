package ru.noko.methodology.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.methodology.registry.OrganizationType;

/**
 * Letter 000's windows: kindergartens from 25 January to 10 February, schools and additional education from 15
 * February to 5 March, whole days in the region's time zone.
 */
class CampaignWindowTest {

    @TempDir
    Path folder;

    private Campaign campaign() throws Exception {
        Files.writeString(folder.resolve("c.yaml"), """
                id: irkutsk-2026-satisfaction
                title: "Удовлетворенность 2026"
                instrument: regional-satisfaction
                model: regional-satisfaction
                timeZone: Asia/Irkutsk
                windows:
                  - {types: [preschool], from: 2026-01-25, to: 2026-02-10}
                  - {types: [general, additional], from: 2026-02-15, to: 2026-03-05}
                """);
        return Campaigns.load(Optional.of(folder))
                .find("irkutsk-2026-satisfaction")
                .orElseThrow();
    }

    @Test
    void eachTypeTakesPartInItsOwnWindowWholeDaysInTheRegionsTimeZone() throws Exception {
        Campaign campaign = campaign();

        // 2026-02-10 23:59 in Irkutsk (UTC+8) is still the kindergartens' last day; a minute later it is over.
        assertThat(campaign.window(OrganizationType.PRESCHOOL, Instant.parse("2026-02-10T15:59:00Z"))
                        .isOpen())
                .isTrue();
        assertThat(campaign.window(OrganizationType.PRESCHOOL, Instant.parse("2026-02-10T16:00:00Z"))
                        .phase())
                .isEqualTo(WindowState.Phase.CLOSED);
        assertThat(campaign.window(OrganizationType.GENERAL, Instant.parse("2026-02-10T12:00:00Z")))
                .isEqualTo(new WindowState(
                        WindowState.Phase.NOT_YET_OPEN, LocalDate.parse("2026-02-15"), LocalDate.parse("2026-03-05")));
        assertThat(campaign.window(OrganizationType.ADDITIONAL, Instant.parse("2026-02-14T16:00:00Z"))
                        .isOpen())
                .isTrue();
    }

    @Test
    void aCampaignWithoutWindowsIsAlwaysOpen() throws Exception {
        Campaign demo = Campaigns.load(Optional.empty()).find("demo-2026-noko").orElseThrow();

        assertThat(demo.window(OrganizationType.GENERAL, Instant.parse("2030-01-01T00:00:00Z")))
                .isEqualTo(WindowState.ALWAYS_OPEN);
    }

    @Test
    void aWindowEndingBeforeItStartsATypeInTwoWindowsAndAnUnknownZoneAreRefused() throws Exception {
        Files.writeString(folder.resolve("c.yaml"), """
                id: broken-2026
                title: "x"
                instrument: regional-satisfaction
                model: regional-satisfaction
                timeZone: Mars/Olympus
                windows:
                  - {types: [preschool], from: 2026-02-10, to: 2026-01-25}
                  - {types: [preschool, school], from: 2026-02-15, to: 2026-03-05}
                """);

        assertThatThrownBy(() -> Campaigns.load(Optional.of(folder)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("'Mars/Olympus' is not a time zone")
                .hasMessageContaining("to not before from")
                .hasMessageContaining("type 'preschool' has two windows")
                .hasMessageContaining("'school' is not preschool, general or additional");
    }
}
