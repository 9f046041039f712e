package ru.noko.portal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.noko.devstack.DevStack;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;

/**
 * The operator's registry upload against good and bad files: all or nothing, every bad line listed with its line,
 * column and reason; a preview before anything changes; on confirmation the registry saved and published and an
 * account with a first password for each new organization, whose passwords can be downloaded once.
 */
class RegistryUploadTest extends PortalStack {

    private static final String HEADER = "organization_id,name,inn,type,municipality,region,contingent_parent";
    private static final Pattern DRAFT = Pattern.compile("/operator/registry/drafts/([A-Za-z0-9_-]+)");

    @Autowired
    JdbcClient db;

    @Test
    void aFileWithTwoBrokenLinesImportsNothingAndListsBoth() throws Exception {
        String csv = HEADER + "\n"
                + "new-school-1,МБОУ СОШ № 10,3808012362,general,г. Иркутск,Иркутская область,300\n"
                + "new-school-2,МБОУ СОШ № 11,3808012363,general,г. Иркутск,Иркутская область,300\n"
                + "new-school-3,МБОУ СОШ № 12,3811000014,university,г. Иркутск,Иркутская область,300\n";

        HttpResponse<String> answer = operator().upload("/operator/registry", "file", "registry.csv", utf8(csv));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body())
                .contains("не загружен: ошибок — <span>2</span>", "Ничего не изменено")
                .contains("неверная контрольная сумма", "preschool");
        assertThat(problemLines(answer.body())).containsExactly("3", "4");
        assertThat(organizationCount()).isEqualTo(3);
    }

    @Test
    void aFormWithoutItsFileIsBadInputNotAFailure() throws Exception {
        HttpResponse<String> answer = operator().post("/operator/registry", Map.of("note", "no file"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Форма отправлена без файла");
        assertThat(organizationCount()).isEqualTo(3);
    }

    @Test
    void aGoodFileIsPreviewedThenImportedPublishedAndGivesAccountsWhosePasswordsDownloadOnce() throws Exception {
        PortalBrowser operator = operator();
        String csv = HEADER + "\n"
                + TestData.SCHOOL_A
                + ",МБОУ СОШ № 1 (новое название),3808012348,general,г. Иркутск,Иркутская область,120\n"
                + TestData.SCHOOL_B + ",МБОУ СОШ № 2,3808012355,general,г. Иркутск,Иркутская область,100\n"
                + "new-school-1,МБОУ СОШ № 10,3808012362,general,г. Иркутск,Иркутская область,300\n";

        HttpResponse<String> uploaded = operator.upload("/operator/registry", "file", "registry.csv", utf8(csv));
        assertThat(uploaded.statusCode()).isEqualTo(302);
        HttpResponse<String> preview = operator.follow(uploaded);
        assertThat(preview.body())
                .contains("ошибок нет")
                .containsPattern("id=\"added\">1<")
                .containsPattern("id=\"changed\">2<")
                .containsPattern("id=\"removed\">1<")
                .contains("new-school-1", "название, контингент", TestData.SCHOOL_ELSEWHERE);
        assertThat(organizationCount())
                .as("nothing changed before the confirmation")
                .isEqualTo(3);

        String draft = PortalBrowser.field(DRAFT, preview.body());
        HttpResponse<String> done = operator.post("/operator/registry/drafts/" + draft + "/confirm", Map.of());

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Реестр загружен", "Создано учётных записей организаций");
        assertThat(organizationCount()).isEqualTo(3);
        assertThat(db.sql("SELECT name FROM organizations WHERE id = ?")
                        .param(TestData.SCHOOL_A)
                        .query(String.class)
                        .single())
                .isEqualTo("МБОУ СОШ № 1 (новое название)");
        assertThat(db.sql("SELECT blocked FROM accounts WHERE login = ?")
                        .param(TestData.SCHOOL_ELSEWHERE)
                        .query(Boolean.class)
                        .single())
                .as("the account of an organization the file no longer has is blocked")
                .isTrue();
        String credentialsLink =
                PortalBrowser.field(Pattern.compile("href=\"(/operator/registry/credentials/[^\"]+)\""), done.body());
        HttpResponse<byte[]> credentials = operator.download(credentialsLink);
        String passwords = new String(credentials.body(), StandardCharsets.UTF_8);
        assertThat(credentials.statusCode()).isEqualTo(200);
        assertThat(passwords).contains("organization_id,name,municipality,login,password", "new-school-1");
        assertThat(operator.download(credentialsLink).statusCode()).as("once").isEqualTo(404);
        String password = passwords
                .lines()
                .filter(line -> line.startsWith("new-school-1,"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*,", "");
        assertThat(db.sql("SELECT password_hash FROM accounts WHERE login = 'new-school-1'")
                        .query(String.class)
                        .single())
                .as("stored only hashed")
                .doesNotContain(password);

        HttpResponse<String> firstLogin = browser().login("new-school-1", password);
        assertThat(firstLogin.body())
                .as("a first password must be changed first")
                .contains("Смена пароля");

        List<ConsumerRecord<String, String>> published = publishedRegistry();
        assertThat(published.stream().map(ConsumerRecord::key)).contains(TestData.SCHOOL_A, "new-school-1");
        assertThat(published.stream()
                        .filter(r -> r.key().equals("new-school-1"))
                        .findFirst()
                        .orElseThrow()
                        .value())
                .contains("\"inn\":\"3808012362\"", "\"contingent\":{\"parent\":300}");
    }

    @Test
    void excelsWindows1251CsvIsReadAndKoi8IsRefusedNeverMojibake() throws Exception {
        String csv = HEADER.replace(',', ';') + "\r\n"
                + "new-school-1;МБОУ «Средняя школа № 10»;3808012362;general;г. Иркутск;Иркутская область;300\r\n";

        HttpResponse<String> windows = operator()
                .upload("/operator/registry", "file", "registry.csv", csv.getBytes(Charset.forName("windows-1251")));
        HttpResponse<String> koi8 = operator()
                .upload("/operator/registry", "file", "registry.csv", csv.getBytes(Charset.forName("KOI8-R")));

        assertThat(operator().follow(windows).body()).contains("МБОУ «Средняя школа № 10»");
        assertThat(koi8.statusCode()).isEqualTo(422);
        assertThat(koi8.body()).contains("не в кодировке UTF-8 или Windows-1251");
    }

    @Test
    void anXlsxRegistryIsReadRowByRowWithItsInnsAsDigits() throws Exception {
        byte[] xlsx = xlsx(List.of(
                List.of("organization_id", "name", "inn", "type", "municipality", "region", "contingent_parent"),
                List.of(
                        "new-school-1",
                        "МБОУ СОШ № 10",
                        "3808012362",
                        "general",
                        "г. Иркутск",
                        "Иркутская область",
                        "300"),
                List.of(
                        "new-school-2",
                        "МБОУ СОШ № 11",
                        "3808012362",
                        "general",
                        "г. Иркутск",
                        "Иркутская область",
                        "300")));

        HttpResponse<String> answer = operator().upload("/operator/registry", "file", "registry.xlsx", xlsx);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("ИНН 3808012362 уже указан в строке 2");
        assertThat(problemLines(answer.body())).containsExactly("3");
    }

    @Test
    void anXlsxZipBombIsRefusedWithoutBeingInflated() throws Exception {
        HttpResponse<String> answer = operator().upload("/operator/registry", "file", "registry.xlsx", zipBomb());

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("zip-бомбу");
    }

    @Test
    void whatIsNeitherCsvNorXlsxAndWhatIsTooLargeAreRefusedClearly() throws Exception {
        HttpResponse<String> pdf =
                operator().upload("/operator/registry", "file", "registry.xls", "%PDF-1.4".getBytes());
        HttpResponse<String> empty = operator().upload("/operator/registry", "file", "registry.csv", new byte[0]);
        byte[] large = new byte[11 * 1024 * 1024];
        HttpResponse<String> tooLarge = operator().upload("/operator/registry", "file", "registry.csv", large);

        assertThat(pdf.statusCode()).isEqualTo(422);
        assertThat(pdf.body()).contains("не является XLSX");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("Файл слишком большой");
        assertThat(organizationCount()).isEqualTo(3);
    }

    private PortalBrowser operator() throws Exception {
        PortalBrowser operator = browser();
        operator.login(OPERATOR, OPERATOR_PASSWORD);
        operator.get("/operator/registry");
        return operator;
    }

    private long organizationCount() {
        return db.sql("SELECT count(*) FROM organizations WHERE active")
                .query(Long.class)
                .single();
    }

    private static List<String> problemLines(String page) {
        List<String> lines = new ArrayList<>();
        var rows = Pattern.compile("class=\"line-problem\">\\s*<td class=\"number\">(\\d+)</td>")
                .matcher(page);
        while (rows.find()) {
            lines.add(rows.group(1));
        }
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] xlsx(List<List<String>> rows) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Реестр");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String value = rows.get(r).get(c);
                    if (r > 0 && (c == 2 || c == 6)) {
                        row.createCell(c).setCellValue(Double.parseDouble(value)); // as Excel keeps numbers
                    } else {
                        row.createCell(c).setCellValue(value);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** An XLSX whose sheet inflates to 200 MB of spaces from a few hundred kilobytes. */
    private static byte[] zipBomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(
                    ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
                            .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] spaces = " ".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static List<ConsumerRecord<String, String>> publishedRegistry() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        DevStack.kafka().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "registry-test-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(ORGANIZATIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                var polled = consumer.poll(Duration.ofMillis(500));
                polled.forEach(records::add);
                if (!records.isEmpty() && polled.isEmpty()) {
                    break;
                }
            }
        }
        return records;
    }
}
