package ru.noko.posters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurveyLinkTest {

    @Test
    void theLinkIsTheSurveyPageOfTheCampaignAndOrganization() {
        assertThat(SurveyLink.of("https://opros.region.example", "demo-2026-noko", "irk-sosh-7"))
                .hasToString("https://opros.region.example/s/demo-2026-noko/irk-sosh-7");
    }

    @Test
    void theBaseComesFromNokoPublicUrlAndDefaultsToTheLocalGateway() {
        assertThat(SurveyLink.baseUrl(Map.of())).isEqualTo("http://127.0.0.1:8080");
        assertThat(SurveyLink.baseUrl(Map.of("NOKO_PUBLIC_URL", " "))).isEqualTo("http://127.0.0.1:8080");
        assertThat(SurveyLink.baseUrl(Map.of("NOKO_PUBLIC_URL", "https://noko.region.example/")))
                .isEqualTo("https://noko.region.example/");
    }

    @Test
    void aPathPrefixIsKeptAndTrailingSlashesDropped() {
        assertThat(SurveyLink.of("https://region.example/noko//", "c1", "o1"))
                .hasToString("https://region.example/noko/s/c1/o1");
    }

    @Test
    void unusualIdsAreEscapedIntoOneSegmentEach() {
        SurveyLink link = SurveyLink.of("http://127.0.0.1:8080", "кампания 2026", "школа/№7?a=b#c%");

        assertThat(link)
                .hasToString("http://127.0.0.1:8080/s/%D0%BA%D0%B0%D0%BC%D0%BF%D0%B0%D0%BD%D0%B8%D1%8F%202026/"
                        + "%D1%88%D0%BA%D0%BE%D0%BB%D0%B0%2F%E2%84%967%3Fa%3Db%23c%25");
        URI uri = link.toUri();
        assertThat(uri.getRawQuery()).isNull();
        assertThat(uri.getRawFragment()).isNull();
        String[] segments = uri.getRawPath().split("/");
        assertThat(segments).hasSize(4);
        assertThat(URLDecoder.decode(segments[2], StandardCharsets.UTF_8)).isEqualTo("кампания 2026");
        assertThat(URLDecoder.decode(segments[3], StandardCharsets.UTF_8)).isEqualTo("школа/№7?a=b#c%");
    }

    @Test
    void registryIdsNeedNoEscaping() {
        assertThat(SurveyLink.of("http://h", "A-z_0.9~", "x").toString()).endsWith("/s/A-z_0.9~/x");
    }

    @Test
    void dotSegmentsAndEmptyIdsAreRefused() {
        assertThatThrownBy(() -> SurveyLink.of("http://h", "..", "o")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SurveyLink.of("http://h", "c", ".")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SurveyLink.of("http://h", "c", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBaseThatIsNotAnHttpAddressIsRefusedInRussian() {
        assertThatThrownBy(() -> SurveyLink.of("opros.region.example", "c", "o"))
                .hasMessageContaining("адрес платформы");
        assertThatThrownBy(() -> SurveyLink.of("ftp://h", "c", "o")).hasMessageContaining("http(s)://");
        assertThatThrownBy(() -> SurveyLink.of("https://h/?x=1", "c", "o")).hasMessageContaining("без ? и #");
    }
}
