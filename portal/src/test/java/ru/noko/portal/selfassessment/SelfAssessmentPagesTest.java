package ru.noko.portal.selfassessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalBrowser.Attached;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;
import ru.noko.portal.TestFiles;

/**
 * The self-assessment as its people use it, through the portal's pages: the organization's draft with a photo found
 * again after logging out, the photo stored without its location and served only to those who may see the
 * organization, every kind of refused file with its message, a submission checked against the checklist and its
 * inputs published, and the operator's return with a comment the organization then reads.
 */
class SelfAssessmentPagesTest extends PortalStack {

    private static final String FORM = "/organization/self-assessments/" + TestData.CAMPAIGN;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SelfAssessmentPhotos photos;

    @Autowired
    JdbcClient db;

    @Test
    void aDraftWithAPhotoIsFoundAgainAfterLoggingInAgainAndThePhotoIsStoredWithoutItsLocation() throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        assertThat(school.get("/organization").body()).contains("<a class=\"self-assessment\" href=\"" + FORM + "\"");
        assertThat(school.get(FORM).body()).contains("ещё не заполнялось").contains("stand-general");
        byte[] phonePhoto = TestFiles.withExif(TestFiles.jpeg(640, 480), 6, true);
        assertThat(metadata(phonePhoto).getFirstDirectoryOfType(GpsDirectory.class))
                .as("the photo as the phone took it has a location")
                .isNotNull();

        HttpResponse<String> saved = school.multipart(
                FORM,
                Map.of(
                        "present:stand-general", "on",
                        "comment:stand-contacts", "Стенд у входа, обновлён в сентябре",
                        "action", "save"),
                Map.of("photo:stand-general", new Attached("stand.jpg", phonePhoto)));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith(FORM + "?saved");

        PortalBrowser again = signedIn(TestData.SCHOOL_A);
        String page = again.get(FORM).body();
        assertThat(page)
                .contains("черновик")
                .containsPattern("name=\"present:stand-general\"[^>]*checked")
                .contains("Стенд у входа, обновлён в сентябре")
                .doesNotContainPattern("name=\"present:stand-contacts\"[^>]*checked");
        List<SelfAssessmentPhotos.StoredPhoto> stored = photos.of(TestData.CAMPAIGN, TestData.SCHOOL_A);
        assertThat(stored).singleElement().satisfies(photo -> {
            assertThat(photo.itemId()).isEqualTo("stand-general");
            assertThat(page).contains("/organization/photos/" + photo.id() + "/thumbnail");
        });
        String id = stored.get(0).id();

        HttpResponse<byte[]> photo = again.download("/organization/photos/" + id);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/jpeg");
        assertThat(metadata(photo.body()).getFirstDirectoryOfType(GpsDirectory.class))
                .as("the location is gone from the stored file")
                .isNull();
        var image = ImageIO.read(new ByteArrayInputStream(photo.body()));
        assertThat(image.getWidth())
                .as("turned upright, as its EXIF orientation said")
                .isEqualTo(480);
        assertThat(image.getHeight()).isEqualTo(640);
        var thumbnail = ImageIO.read(new ByteArrayInputStream(
                again.download("/organization/photos/" + id + "/thumbnail").body()));
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(320);

        assertThat(signedIn(TestData.SCHOOL_ELSEWHERE)
                        .download("/organization/photos/" + id)
                        .statusCode())
                .as("another organization's photo")
                .isEqualTo(403);
        assertThat(signedIn("analyst-town")
                        .download("/municipality/photos/" + id)
                        .statusCode())
                .isEqualTo(403);
        assertThat(signedIn("analyst-city")
                        .download("/municipality/photos/" + id)
                        .statusCode())
                .isEqualTo(200);
        assertThat(signedIn("ministry").download("/ministry/photos/" + id).statusCode())
                .isEqualTo(200);
        assertThat(signedIn(OPERATOR).download("/operator/photos/no-such-photo").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theWholeFormAsABrowserSendsItIsTaken() throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        String page = school.get(FORM).body();
        // Every named field of the page, as a browser posts the form: empty texts and empty file inputs included.
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        Map<String, Attached> files = new java.util.LinkedHashMap<>();
        var names = java.util.regex.Pattern.compile("<(input|textarea)[^>]*name=\"([^\"]+)\"[^>]*>")
                .matcher(page);
        while (names.find()) {
            String tag = names.group(0);
            String name = names.group(2);
            if (tag.contains("type=\"file\"")) {
                files.put(name, new Attached("", new byte[0]));
            } else if (!tag.contains("type=\"checkbox\"") && !name.equals("_csrf")) {
                fields.put(name, "");
            }
        }
        fields.put("present:stand-general", "on");
        fields.put("action", "save");
        assertThat(fields.size() + files.size()).as("a form of many parts").isGreaterThan(50);

        HttpResponse<String> saved = school.multipart(FORM, fields, files);

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(school.get(FORM).body()).containsPattern("name=\"present:stand-general\"[^>]*checked");
    }

    @Test
    void eachFileThatIsNotAPhotoIsRefusedWithItsMessageAndNothingIsStored() throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        school.get(FORM);
        byte[] jpeg = TestFiles.jpeg(200, 150);
        Map<String, byte[]> refused = Map.of(
                "page.jpg", "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                "order.png", TestFiles.pdf(1, null),
                "cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2),
                "bomb.png", TestFiles.pngClaiming(60_000, 60_000));
        Map<String, String> messages = Map.of(
                "page.jpg", "не является фотографией в формате JPEG или PNG",
                "order.png", "не является фотографией в формате JPEG или PNG",
                "cut.jpg", "повреждён или загружен не полностью",
                "bomb.png", "Изображение слишком большое");
        for (Map.Entry<String, byte[]> file : refused.entrySet()) {
            HttpResponse<String> answer = school.multipart(
                    FORM,
                    Map.of("action", "save"),
                    Map.of("photo:stand-general", new Attached(file.getKey(), file.getValue())));
            assertThat(answer.statusCode()).as(file.getKey()).isEqualTo(200);
            assertThat(answer.body())
                    .as(file.getKey())
                    .contains("Не всё сохранено")
                    .contains(file.getKey())
                    .contains(messages.get(file.getKey()));
        }
        assertThat(photos.of(TestData.CAMPAIGN, TestData.SCHOOL_A)).isEmpty();
    }

    @Test
    void aSubmissionIsCheckedPublishedAndLockedAndTheOperatorReturnsItWithACommentTheOrganizationReads()
            throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        school.get(FORM);
        HttpResponse<String> withoutPhoto = school.multipart(
                FORM,
                Map.of("present:stand-general", "on", "present:site-general", "on", "action", "submit"),
                Map.of());
        assertThat(withoutPhoto.statusCode()).isEqualTo(200);
        assertThat(withoutPhoto.body())
                .contains("Самообследование не отправлено")
                .contains("приложите фотографию")
                .contains("укажите ссылку на страницу официального сайта");

        HttpResponse<String> submitted = school.multipart(
                FORM,
                Map.of(
                        "present:stand-general", "on",
                        "present:site-general", "on",
                        "link:site-general", "https://school-a.example.ru/sveden/common",
                        "present:remote-phone", "on",
                        "comment:remote-phone", "8 (3952) 00-00-01, пн–пт 8:00–17:00",
                        "action", "submit"),
                Map.of("photo:stand-general", new Attached("stand.jpg", TestFiles.jpeg(320, 240))));
        assertThat(submitted.statusCode()).isEqualTo(302);
        assertThat(submitted.headers().firstValue("Location").orElseThrow()).endsWith("?submitted");
        JsonNode record = JSON.readTree(
                published(SELF_ASSESSMENTS, TestData.SCHOOL_A, 1).get(0).value());
        assertThat(record.path("campaignId").asText()).isEqualTo(TestData.CAMPAIGN);
        assertThat(record.path("inputs").path("standItems").asInt()).isEqualTo(1);
        assertThat(record.path("inputs").path("standItemsRequired").asInt()).isEqualTo(14);
        assertThat(record.path("inputs").path("siteItems").asInt()).isEqualTo(1);
        assertThat(record.path("inputs").path("remoteChannels").asInt()).isEqualTo(1);
        assertThat(record.path("inputs").path("comfortConditions").asInt()).isZero();

        assertThat(school.get(FORM).body()).contains("отправлено").doesNotContain("id=\"checklist\"");
        HttpResponse<String> late = school.post(FORM + "/autosave", Map.of("present:stand-contacts", "on"));
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("не может быть изменено");

        PortalBrowser operator = signedIn(OPERATOR);
        String view = "/operator/organizations/" + TestData.SCHOOL_A + "/self-assessments/" + TestData.CAMPAIGN;
        assertThat(operator.get(view).body())
                .contains("https://school-a.example.ru/sveden/common")
                .contains("/operator/photos/")
                .contains("Вернуть на доработку");
        assertThat(operator.get("/operator/self-assessments").body())
                .contains("МБОУ СОШ № 1")
                .contains("отправлено");
        assertThat(operator.post(view + "/return", Map.of("comment", " ")).body())
                .contains("комментарий обязателен");
        HttpResponse<String> returned =
                operator.post(view + "/return", Map.of("comment", "Нет фотографии стенда с лицензией"));
        assertThat(returned.statusCode()).isEqualTo(302);
        List<ConsumerRecord<String, String>> records = published(SELF_ASSESSMENTS, TestData.SCHOOL_A, 2);
        assertThat(JSON.readTree(records.get(records.size() - 1).value())
                        .path("inputs")
                        .size())
                .as("returned: no inputs, so its figures are pending again")
                .isZero();

        String back = school.get(FORM).body();
        assertThat(back)
                .contains("возвращено на доработку")
                .contains("Нет фотографии стенда с лицензией")
                .contains("id=\"checklist\"");
        assertThat(db.sql("SELECT action FROM audit_log WHERE object = ? ORDER BY id")
                        .param("самообследование " + TestData.CAMPAIGN + "/" + TestData.SCHOOL_A)
                        .query(String.class)
                        .list())
                .contains(
                        "SELF_ASSESSMENT_SAVED",
                        "SELF_ASSESSMENT_PHOTO_ADDED",
                        "SELF_ASSESSMENT_SUBMITTED",
                        "SELF_ASSESSMENT_RETURNED");
    }

    @Test
    void aMunicipalAnalystListsItsMunicipalitysFormsOnly() throws Exception {
        PortalBrowser school = signedIn(TestData.SCHOOL_A);
        school.get(FORM);
        school.multipart(FORM, Map.of("present:stand-general", "on", "action", "save"), Map.of());

        assertThat(signedIn("analyst-city")
                        .get("/municipality/self-assessments")
                        .body())
                .contains("МБОУ СОШ № 1")
                .contains("черновик");
        assertThat(signedIn("analyst-town")
                        .get("/municipality/self-assessments")
                        .body())
                .doesNotContain("МБОУ СОШ № 1");
        assertThat(signedIn("ministry").get("/ministry/self-assessments").body())
                .contains("МБОУ СОШ № 1");
        assertThat(signedIn("analyst-town")
                        .get("/municipality/organizations/" + TestData.SCHOOL_A + "/self-assessments/"
                                + TestData.CAMPAIGN)
                        .statusCode())
                .isEqualTo(403);
    }

    private static Metadata metadata(byte[] image) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
    }
}
