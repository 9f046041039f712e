package ru.noko.export.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.methodology.cli.Commands;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./noko export} with {@code NOKO_S3_*} set, as the server's exporter runs it: the export goes to the bucket
 * (S3Proxy, a real S3 server in this JVM) and {@code --list} lists the bucket's exports; without an endpoint, the
 * local folder as before.
 */
class ExportCommandStoreTest {

    private static final Path EXAMPLES =
            Path.of(System.getProperty("noko.projectRoot", "..")).resolve("examples/noko");

    @RegisterExtension
    final S3ProxyExtension s3Proxy = S3ProxyExtension.builder()
            .withCredentials("noko-exporter", "exporter-secret-key")
            .build();

    @TempDir
    Path work;

    @Test
    void withS3ConfiguredTheExportIsUploadedAndTheListingIsTheBucketsOwn() throws Exception {
        try (S3Client client = S3Client.builder()
                .endpointOverride(s3Proxy.getUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3Proxy.getAccessKey(), s3Proxy.getSecretKey())))
                .build()) {
            client.createBucket(request -> request.bucket("noko"));
        }
        Map<String, String> environment = new HashMap<>(Map.of(
                "NOKO_S3_ENDPOINT", s3Proxy.getUri().toString(),
                "NOKO_S3_BUCKET", "noko",
                "NOKO_S3_ACCESS_KEY", s3Proxy.getAccessKey(),
                "NOKO_S3_SECRET_KEY", s3Proxy.getSecretKey()));

        assertThat(export(environment, "2026-04-01T06:00:00Z")).isZero();
        assertThat(export(environment, "2026-04-01T06:00:00Z"))
                .as("never twice")
                .isEqualTo(Commands.FAILED);

        String listed = output(() -> Commands.commandLine(new ExportCommand(environment))
                .execute("--list", "--out", work.resolve("elsewhere").toString()));
        assertThat(listed)
                .isEqualTo(
                        "demo-2026-noko\t2026-04-01T06:00:00Z\ts3://noko/exports/demo-2026-noko/20260401T060000Z/\n");

        environment.put("NOKO_S3_PREFIX", "ministry");
        assertThat(output(() ->
                        Commands.commandLine(new ExportCommand(environment)).execute("--list")))
                .as("another prefix")
                .isEmpty();
    }

    @Test
    void anEndpointWithoutABucketIsRefusedNamingTheMissingVariable() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            assertThat(Commands.commandLine(new ExportCommand(Map.of("NOKO_S3_ENDPOINT", "http://s3:7070")))
                            .execute("--list"))
                    .isEqualTo(Commands.FAILED);
        } finally {
            System.setErr(previous);
        }
        assertThat(errors.toString(StandardCharsets.UTF_8))
                .contains("NOKO_S3_BUCKET, NOKO_S3_ACCESS_KEY, NOKO_S3_SECRET_KEY");
    }

    private int export(Map<String, String> environment, String cutOff) {
        return Commands.commandLine(new ExportCommand(environment))
                .execute(
                        "--campaign",
                        "demo-2026-noko",
                        "--registry",
                        EXAMPLES.resolve("registry.csv").toString(),
                        "--responses",
                        EXAMPLES.resolve("responses.jsonl").toString(),
                        "--self-assessment",
                        EXAMPLES.resolve("self-assessment.json").toString(),
                        "--cut-off",
                        cutOff,
                        "--out",
                        work.resolve("exports")
                                .resolve(String.valueOf(System.nanoTime()))
                                .toString());
    }

    private static String output(Supplier<Integer> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(command.get()).isZero();
        } finally {
            System.setOut(previous);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
