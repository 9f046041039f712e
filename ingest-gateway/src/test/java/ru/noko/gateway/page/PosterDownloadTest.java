package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The region operator downloads the posters of every registered organization, and nobody else can. */
class PosterDownloadTest extends SurveyPageStack {

    @LocalServerPort
    int port;

    @Test
    void theOperatorGetsOnePosterPerRegisteredOrganizationInOneZip() throws Exception {
        HttpResponse<byte[]> zip =
                download("/admin/campaigns/" + CAMPAIGN + "/posters.zip", "region", OPERATOR_PASSWORD);

        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).contains("attachment", CAMPAIGN + "-posters.zip"));
        Map<String, String> posters = postersIn(zip.body());
        assertThat(posters).containsOnlyKeys(KINDERGARTEN + ".pdf", SCHOOL + ".pdf");
        assertThat(posters.get(SCHOOL + ".pdf").replaceAll("\\s+", " "))
                .contains("Средняя общеобразовательная школа № 1", "anketa.example.ru/s/" + CAMPAIGN + "/" + SCHOOL)
                .doesNotContain("127.0.0.1");
    }

    @Test
    void eachPosterGivesItsTypesWindow() throws Exception {
        HttpResponse<byte[]> kindergarten = download(
                "/admin/campaigns/" + WINDOWED_CAMPAIGN + "/posters/" + KINDERGARTEN + ".pdf",
                "region",
                OPERATOR_PASSWORD);

        assertThat(kindergarten.statusCode()).isEqualTo(200);
        assertThat(kindergarten.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(text(kindergarten.body()).replaceAll("\\s+", " "))
                .contains("Детский сад № 5", "с 1 февраля по 14 февраля 2099");
    }

    @Test
    void withoutTheOperatorsPasswordThereIsNothingToDownload() throws Exception {
        HttpResponse<byte[]> anonymous = download("/admin/campaigns/" + CAMPAIGN + "/posters.zip", null, null);
        HttpResponse<byte[]> wrong = download("/admin/campaigns/" + CAMPAIGN + "/posters.zip", "region", "guess");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(new PageClient(port).get(PAGE).statusCode())
                .as("the survey pages need no password")
                .isEqualTo(200);
    }

    @Test
    void anUnknownCampaignOrOrganizationIs404NamingIt() throws Exception {
        HttpResponse<byte[]> campaign =
                download("/admin/campaigns/no-such-campaign/posters.zip", "region", OPERATOR_PASSWORD);
        HttpResponse<byte[]> organization =
                download("/admin/campaigns/" + CAMPAIGN + "/posters/no-such-school.pdf", "region", OPERATOR_PASSWORD);

        assertThat(campaign.statusCode()).isEqualTo(404);
        assertThat(new String(campaign.body(), StandardCharsets.UTF_8))
                .contains("unknown-campaign", "no-such-campaign");
        assertThat(organization.statusCode()).isEqualTo(404);
        assertThat(new String(organization.body(), StandardCharsets.UTF_8)).contains("no-such-school");
    }

    private HttpResponse<byte[]> download(String path, String user, String password) throws Exception {
        PageClient client = new PageClient(port);
        HttpRequest.Builder request = client.request(path);
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> postersIn(byte[] zip) throws Exception {
        Map<String, String> posters = new LinkedHashMap<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                posters.put(entry.getName(), text(entries.readAllBytes()));
            }
        }
        return posters;
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
