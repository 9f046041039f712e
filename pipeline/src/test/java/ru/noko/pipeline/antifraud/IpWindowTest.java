package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.AntiFraudSettings;

class IpWindowTest {

    private static final long HOUR = 3_600_000;
    private static final AntiFraudSettings REJECTING = new AntiFraudSettings(60, true, true, 60, 2, 5, "reject", false);
    private static final AntiFraudSettings REVIEWING = new AntiFraudSettings(60, true, true, 60, 2, 5, "review", false);

    @Test
    void onlyTimesAfterTheWindowStartAreRecent() {
        long[] counted = {1_000, 2_000, HOUR + 1_000, HOUR + 5_000};

        assertThat(IpWindow.recent(counted, HOUR + 1_500, HOUR)).containsExactly(2_000, HOUR + 1_000, HOUR + 5_000);
        assertThat(IpWindow.recent(counted, HOUR + 2_000, HOUR)).containsExactly(HOUR + 1_000, HOUR + 5_000);
        assertThat(IpWindow.recent(counted, 3 * HOUR, HOUR)).isEmpty();
    }

    @Test
    void aLateTimeIsAddedInOrder() {
        assertThat(IpWindow.add(new long[] {10, 30}, 20)).containsExactly(10, 20, 30);
        assertThat(IpWindow.add(new long[] {10, 30}, 40)).containsExactly(10, 30, 40);
        assertThat(IpWindow.add(IpWindow.EMPTY, 5)).containsExactly(5);
    }

    @Test
    void anAddressIsForgottenWhenTheWindowHasPassedItsNewestTime() {
        assertThat(IpWindow.emptyAt(new long[] {10, 30}, HOUR)).isEqualTo(30 + HOUR);
        assertThat(IpWindow.recent(new long[] {10, 30}, 30 + HOUR, HOUR)).isEmpty();
    }

    @Test
    void overTheLimitAResponseIsRejectedAndTakesNoPlace() throws Exception {
        ScreenedResponse response = new ScreenedResponse();

        boolean counts = IpWindow.admit(response, 2, 2, FraudReason.IP_LIMIT_ORGANIZATION, REJECTING);

        assertThat(counts).isFalse();
        assertThat(response.verdict()).isEqualTo("rejected");
        assertThat(response.rejections).isEqualTo("IP_LIMIT_ORGANIZATION");
    }

    @Test
    void overTheLimitAReviewingCampaignFlagsTheResponseAndCountsIt() throws Exception {
        ScreenedResponse response = new ScreenedResponse();

        assertThat(IpWindow.admit(response, 3, 2, FraudReason.IP_LIMIT_ALL_ORGANIZATIONS, REVIEWING))
                .isTrue();
        assertThat(response.verdict()).isEqualTo("review");
    }

    @Test
    void underTheLimitAResponseIsCountedUnflagged() {
        ScreenedResponse response = new ScreenedResponse();

        assertThat(IpWindow.admit(response, 1, 2, FraudReason.IP_LIMIT_ORGANIZATION, REJECTING))
                .isTrue();
        assertThat(response.verdict()).isEqualTo("accepted");
    }

    @Test
    void aResponseExactlyAWindowAfterAnotherNoLongerSeesIt() {
        assertThat(IpWindow.recent(new long[] {1_000}, 1_000 + HOUR, HOUR)).isEmpty();
        assertThat(IpWindow.recent(new long[] {1_000}, 999 + HOUR, HOUR)).containsExactly(1_000);
    }

    @Test
    void anAddressIsKeyedByTheFirst64BitsOfItsHmacAndAnyOtherTextByItsFingerprint() {
        String hmac = "00ff00ff00ff00ffabcdef0123456789abcdef0123456789abcdef0123456789";
        assertThat(AddressWindows.key(hmac)).isEqualTo(0x00ff00ff00ff00ffL);
        assertThat(AddressWindows.key("ffffffffffffffff" + hmac.substring(16))).isEqualTo(-1L);
        assertThat(AddressWindows.key("ip-class")).isEqualTo(Fingerprint.of("ip-class"));
        assertThat(AddressWindows.key("f-not-hex-but-long-enough"))
                .isEqualTo(Fingerprint.of("f-not-hex-but-long-enough"));
    }
}
