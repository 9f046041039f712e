package ru.noko.gateway.crosssite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ru.noko.gateway.system.SiteSettings;
import ru.noko.schemas.privacy.Pseudonymizer;

class SubmissionTokensTest {

    private static final Instant GIVEN = Instant.parse("2026-02-02T09:00:00Z");
    private final SubmissionTokens tokens =
            new SubmissionTokens(new Pseudonymizer("k".repeat(40)), new SiteSettings("", Duration.ofHours(24)));
    private final String token = tokens.issue("c", "school-1", "device-0123456789abcdef", "view-1", GIVEN);

    @Test
    void aTokenHoldsForItsCampaignOrganizationAndDeviceAndNamesItsView() {
        assertThat(tokens.check(token, "c", "school-1", "device-0123456789abcdef", GIVEN.plusSeconds(60)))
                .isEqualTo(new SubmissionTokens.Check.Valid("view-1"));
        assertThat(tokens.check(token, "c", "school-2", "device-0123456789abcdef", GIVEN))
                .isInstanceOf(SubmissionTokens.Check.Refused.class);
        assertThat(tokens.check(token, "other", "school-1", "device-0123456789abcdef", GIVEN))
                .isInstanceOf(SubmissionTokens.Check.Refused.class);
        assertThat(tokens.check(token, "c", "school-1", "another-device-0123456", GIVEN))
                .as("another browser's cookie")
                .isInstanceOf(SubmissionTokens.Check.Refused.class);
        assertThat(tokens.check(token, "c", "school-1", null, GIVEN))
                .as("no cookie at all, as another site's form posts")
                .isInstanceOf(SubmissionTokens.Check.Refused.class);
    }

    @Test
    void aTokenExpiresAfterItsValidity() {
        assertThat(tokens.check(token, "c", "school-1", "device-0123456789abcdef", GIVEN.plus(Duration.ofHours(24))))
                .isInstanceOf(SubmissionTokens.Check.Valid.class);
        assertThat(tokens.check(
                        token,
                        "c",
                        "school-1",
                        "device-0123456789abcdef",
                        GIVEN.plus(Duration.ofHours(24)).plusSeconds(1)))
                .isInstanceOf(SubmissionTokens.Check.Expired.class);
    }

    @Test
    void aTokenEditedToLiveLongerOrCarryAnotherViewIsRefused() {
        String later = (GIVEN.getEpochSecond() + 3600) + token.substring(token.indexOf('.'));
        String otherView = token.replace(".view-1.", ".view-2.");

        assertThat(tokens.check(later, "c", "school-1", "device-0123456789abcdef", GIVEN))
                .isInstanceOf(SubmissionTokens.Check.Refused.class);
        assertThat(tokens.check(otherView, "c", "school-1", "device-0123456789abcdef", GIVEN))
                .isInstanceOf(SubmissionTokens.Check.Refused.class);
    }

    @Test
    void missingAndMalformedTokensAreRefusedNamingTheRule() {
        assertThat(tokens.check(null, "c", "school-1", null, GIVEN))
                .isEqualTo(new SubmissionTokens.Check.Refused(
                        "required", "Нет отметки анкеты: ответ принимается только с анкеты, полученной на этом сайте"));
        assertThat(((SubmissionTokens.Check.Refused) tokens.check("not a token", "c", "school-1", null, GIVEN)).rule())
                .isEqualTo("format");
    }

    @Test
    void theApisTokenWithoutADeviceIsForResponsesWithoutOne() {
        String api = tokens.issue("c", "school-1", null, null, GIVEN);

        assertThat(tokens.check(api, "c", "school-1", null, GIVEN)).isInstanceOf(SubmissionTokens.Check.Valid.class);
        assertThat(tokens.check(api, "c", "school-1", "device-0123456789abcdef", GIVEN))
                .isInstanceOf(SubmissionTokens.Check.Refused.class);
        assertThat(tokens.issue("c", "school-1", null, null, GIVEN))
                .as("a random view per questionnaire")
                .isNotEqualTo(api);
    }
}
