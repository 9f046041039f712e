package ru.noko.portal.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.noko.devstack.DevStack;
import ru.noko.portal.PortalStack;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * An organization's figures in all its open campaigns, read from ClickHouse in one go: each campaign gets its own
 * coverage and rejections, and only its own organization's; later figures reach the page while it is being reloaded.
 */
class SurveyFiguresTest extends PortalStack {

    private static final String ORGANIZATION = "figures-school";

    @Autowired
    SurveyFigures figures;

    private final ClickHouseTarget clickHouse =
            ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), CLICKHOUSE_DATABASE);

    @BeforeEach
    void noFiguresYet() throws Exception {
        execute("ALTER TABLE organization_coverage DELETE WHERE organization_id LIKE 'figures-%'");
        execute("ALTER TABLE response_verdicts DELETE WHERE organization_id LIKE 'figures-%'");
        figures.forget();
    }

    @Test
    void eachCampaignGetsItsOwnCoverageAndRejectionsAndNoOtherOrganizations() throws Exception {
        coverage("figures-a", ORGANIZATION, "parent", 12, 1);
        coverage("figures-b", ORGANIZATION, "parent", 3, 1);
        coverage("figures-b", ORGANIZATION, "student", 7, 1);
        coverage("figures-a", "figures-other", "parent", 99, 1);
        verdict("r1", "figures-a", ORGANIZATION, "rejected", "TOO_FAST");
        verdict("r2", "figures-a", ORGANIZATION, "rejected", "DUPLICATE_DEVICE,TOO_FAST");
        verdict("r3", "figures-b", ORGANIZATION, "accepted", "");
        verdict("r4", "figures-a", "figures-other", "rejected", "IP_LIMIT_ORGANIZATION");

        Map<String, SurveyFigures.Figures> read =
                figures.of(List.of("figures-a", "figures-b", "figures-c"), ORGANIZATION);

        assertThat(read).containsOnlyKeys("figures-a", "figures-b", "figures-c");
        assertThat(read.get("figures-a").coverage())
                .extracting(SurveyFigures.RoleCoverage::role, SurveyFigures.RoleCoverage::responses)
                .containsExactly(tuple("parent", 12L));
        assertThat(read.get("figures-a").rejections())
                .extracting(SurveyFigures.Rejections::reason, SurveyFigures.Rejections::count)
                .containsExactly(tuple("DUPLICATE_DEVICE", 1L), tuple("TOO_FAST", 2L));
        assertThat(read.get("figures-b").coverage())
                .extracting(SurveyFigures.RoleCoverage::role)
                .containsExactly("parent", "student");
        assertThat(read.get("figures-b").rejections()).isEmpty();
        assertThat(read.get("figures-c").available()).isTrue();
        assertThat(read.get("figures-c").coverage())
                .as("a campaign without figures yet")
                .isEmpty();
    }

    @Test
    void newerFiguresReplaceTheKeptOnesWithinSeconds() throws Exception {
        coverage("figures-a", ORGANIZATION, "parent", 1, 1);
        assertThat(responses()).isEqualTo(1);

        coverage("figures-a", ORGANIZATION, "parent", 2, 2);
        assertThat(responses()).as("kept for a few seconds").isEqualTo(1);

        long deadline = System.nanoTime()
                + SurveyFigures.FRESH.plus(Duration.ofSeconds(10)).toNanos();
        while (responses() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(responses())
                .as("read again behind the page once they are a few seconds old")
                .isEqualTo(2);
    }

    private long responses() {
        return figures.of(List.of("figures-a"), ORGANIZATION)
                .get("figures-a")
                .coverage()
                .get(0)
                .responses();
    }

    private void coverage(String campaign, String organization, String role, long responses, long version)
            throws Exception {
        execute("INSERT INTO organization_coverage (campaign_id, organization_id, role, responses, contingent, "
                + "required, share, met, representative, level, version) VALUES ('" + campaign + "', '"
                + organization + "', '" + role + "', " + responses + ", 100, 40, " + responses / 100.0 + ", 0, 0, '', "
                + version + ")");
    }

    private void verdict(String id, String campaign, String organization, String verdict, String rejections)
            throws Exception {
        execute("INSERT INTO response_verdicts (response_id, campaign_id, organization_id, respondent_role, "
                + "submitted_at, received_at, verdict, rejections, flags, version, checked_by) VALUES ('" + id
                + "', '" + campaign + "', '" + organization
                + "', 'parent', '2026-09-01 10:00:00', '2026-09-01 10:00:00', '" + verdict + "', '"
                + rejections + "', '', 1, 'live')");
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = clickHouse.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
