package ru.noko.export.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.export.inputs.CampaignInputs;
import ru.noko.export.inputs.FileInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Exports kept in S3-compatible storage, against a real S3 server: S3Proxy, in this JVM, speaking the S3 protocol
 * over HTTP on a free port, with its blob store in a temporary folder. The exporter writes the local folder, the
 * store uploads it; the bucket is then read back with the plain SDK, as the ministry's side would read it.
 */
class S3ExportStoreTest {

    private static final Path EXAMPLES =
            Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko");
    private static final String BUCKET = "noko";
    private static final Instant APRIL = Instant.parse("2026-04-01T06:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-01T06:00:00Z");

    @RegisterExtension
    final S3ProxyExtension s3Proxy = S3ProxyExtension.builder()
            .withCredentials("noko-exporter", "exporter-secret-key")
            .build();

    @TempDir
    Path work;

    private S3Settings settings;
    private S3Client bucket;
    private S3ExportStore store;
    private Campaign campaign;
    private CampaignInputs inputs;

    @BeforeEach
    void bucketAndCampaign() throws Exception {
        settings = new S3Settings(
                s3Proxy.getUri(), BUCKET, "exports/", "us-east-1", s3Proxy.getAccessKey(), s3Proxy.getSecretKey());
        bucket = S3Client.builder()
                .endpointOverride(s3Proxy.getUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3Proxy.getAccessKey(), s3Proxy.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // As the store's own client: S3Proxy knows neither the SDK's checksum trailers nor checksum mode.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        bucket.createBucket(request -> request.bucket(BUCKET));
        store = new S3ExportStore(settings);
        campaign = Campaigns.load(Optional.empty()).find("demo-2026-noko").orElseThrow();
        inputs = FileInputs.read(
                campaign,
                EXAMPLES.resolve("registry.csv"),
                EXAMPLES.resolve("responses.jsonl"),
                EXAMPLES.resolve("self-assessment.json"));
    }

    @AfterEach
    void close() {
        store.close();
        bucket.close();
    }

    @Test
    void anExportIsUploadedWithEveryFileAndTheObjectsAreTheBytesTheManifestCertifies() throws Exception {
        Path folder = exporter("server").export(campaign, inputs, APRIL);

        String prefix = "exports/demo-2026-noko/20260401T060000Z/";
        Map<String, byte[]> objects = objects(prefix);
        assertThat(objects.keySet())
                .as("one object per file of the local folder")
                .containsExactlyInAnyOrderElementsOf(
                        fileNames(folder).stream().map(name -> prefix + name).toList());
        assertThat(objects.get(prefix + "manifest.json"))
                .isEqualTo(Files.readAllBytes(folder.resolve("manifest.json")));

        JsonNode manifest = new ObjectMapper().readTree(objects.get(prefix + "manifest.json"));
        assertThat(manifest.get("files")).hasSize(objects.size() - 1);
        for (JsonNode file : manifest.get("files")) {
            byte[] uploaded = objects.get(prefix + file.get("name").asText());
            assertThat(uploaded).as(file.get("name").asText()).isNotNull();
            assertThat(uploaded.length)
                    .as(file.get("name").asText())
                    .isEqualTo(file.get("bytes").asLong());
            assertThat(sha256(uploaded))
                    .as(file.get("name").asText())
                    .isEqualTo(file.get("sha256").asText());
        }
        assertThat(exporter("server").location(campaign, APRIL)).isEqualTo("s3://noko/" + prefix);
    }

    @Test
    void aSecondExportOfTheSameCampaignAndCutOffIsRefusedAndTheFirstObjectsStayAsTheyWere() throws Exception {
        exporter("first-server").export(campaign, inputs, APRIL);
        Map<String, byte[]> before = objects("exports/");
        Map<String, Instant> modified = lastModified("exports/");

        // Another machine, its own local folder, the same campaign and cut-off, other figures.
        CampaignInputs fewer = FileInputs.read(
                campaign,
                EXAMPLES.resolve("registry.csv"),
                Files.writeString(
                        work.resolve("one-response.jsonl"),
                        Files.readAllLines(EXAMPLES.resolve("responses.jsonl")).get(0) + "\n"),
                EXAMPLES.resolve("self-assessment.json"));
        assertThatThrownBy(() -> exporter("second-server").export(campaign, fewer, APRIL))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("s3://noko/exports/demo-2026-noko/20260401T060000Z/")
                .hasMessageContaining("не перезаписываются");

        assertThat(objects("exports/"))
                .containsOnlyKeys(before.keySet().toArray(String[]::new))
                .allSatisfy((key, bytes) -> assertThat(bytes).as(key).isEqualTo(before.get(key)));
        assertThat(lastModified("exports/")).isEqualTo(modified);
        assertThat(work.resolve("second-server/demo-2026-noko/20260401T060000Z"))
                .as("refused before writing")
                .doesNotExist();
    }

    @Test
    void theStorageItselfRefusesToReplaceAnObjectPutWithIfNoneMatch() {
        // The second line of defence, for two writers racing past the check: the server, not our code, says no.
        bucket.putObject(
                request -> request.bucket(BUCKET).key("exports/race").ifNoneMatch("*"),
                RequestBody.fromString("first"));

        assertThatThrownBy(() -> bucket.putObject(
                        request -> request.bucket(BUCKET).key("exports/race").ifNoneMatch("*"),
                        RequestBody.fromString("second")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(bucket.getObjectAsBytes(request -> request.bucket(BUCKET).key("exports/race"))
                        .asUtf8String())
                .isEqualTo("first");
    }

    @Test
    void anUploadCutShortIsCompletedAndAForeignObjectUnderTheExportsNameIsRefused() throws Exception {
        Path folder = new Exporter(work.resolve("local"), "test").export(campaign, inputs, APRIL);
        String prefix = store.keyPrefix("demo-2026-noko", APRIL);
        // The first attempt got as far as the XLSX before the network went.
        String xlsx = fileNames(folder).stream()
                .filter(name -> name.endsWith(".xlsx"))
                .findFirst()
                .orElseThrow();
        bucket.putObject(request -> request.bucket(BUCKET).key(prefix + xlsx), folder.resolve(xlsx));
        assertThat(store.holds("demo-2026-noko", APRIL))
                .as("no manifest, not an export yet")
                .isFalse();

        store.keep("demo-2026-noko", APRIL, folder);
        assertThat(objects(prefix)).hasSize(fileNames(folder).size());
        assertThat(store.holds("demo-2026-noko", APRIL)).isTrue();

        String julyPrefix = store.keyPrefix("demo-2026-noko", JULY);
        bucket.putObject(
                request -> request.bucket(BUCKET).key(julyPrefix + xlsx), RequestBody.fromString("not this export"));
        assertThatThrownBy(() -> store.keep("demo-2026-noko", JULY, folder))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(julyPrefix + xlsx);
        assertThat(objects(julyPrefix)).containsOnlyKeys(julyPrefix + xlsx);
    }

    @Test
    void theListingShowsEveryCompleteExportWithItsCutOff() throws Exception {
        exporter("server").export(campaign, inputs, JULY);
        exporter("server").export(campaign, inputs, APRIL);
        // Neither an upload cut short (no manifest) nor anything else in the bucket is an export.
        bucket.putObject(
                request -> request.bucket(BUCKET).key("exports/demo-2026-noko/20261001T060000Z/organizations.csv"),
                RequestBody.fromString("…"));
        bucket.putObject(request -> request.bucket(BUCKET).key("uploads/registry.csv"), RequestBody.fromString("…"));

        assertThat(store.list())
                .containsExactly(
                        new StoredExport("demo-2026-noko", APRIL, "s3://noko/exports/demo-2026-noko/20260401T060000Z/"),
                        new StoredExport("demo-2026-noko", JULY, "s3://noko/exports/demo-2026-noko/20260701T060000Z/"));
        assertThat(exporter("another-server").list())
                .as("the bucket's listing, whatever the local folder holds")
                .isEqualTo(store.list());
    }

    private Exporter exporter(String machine) {
        return new Exporter(work.resolve(machine), "test", store);
    }

    private Map<String, byte[]> objects(String prefix) {
        Map<String, byte[]> objects = new TreeMap<>();
        for (S3Object object : bucket.listObjectsV2Paginator(
                        request -> request.bucket(BUCKET).prefix(prefix))
                .contents()) {
            objects.put(
                    object.key(),
                    bucket.getObjectAsBytes(request -> request.bucket(BUCKET).key(object.key()))
                            .asByteArray());
        }
        return objects;
    }

    private Map<String, Instant> lastModified(String prefix) {
        Map<String, Instant> modified = new TreeMap<>();
        bucket.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix))
                .contents()
                .forEach(object -> modified.put(object.key(), object.lastModified()));
        return modified;
    }

    private static List<String> fileNames(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
