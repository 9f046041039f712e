package ru.noko.posters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.noko.methodology.cli.Commands;
import ru.noko.posters.Poppler;

class PostersCommandTest {

    private static final String REGISTRY = Path.of(System.getProperty("noko.projectRoot", ".."))
            .resolve("examples/noko/registry.csv")
            .toString();

    @TempDir
    Path out;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalStderr;

    @BeforeEach
    void captureStderr() {
        originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalStderr);
    }

    @Test
    void writesEveryOrganizationsFilesAndTheZipWithASummary() throws Exception {
        int exit = run(
                Map.of("NOKO_PUBLIC_URL", "https://opros.region.example"),
                "--campaign",
                "demo-2026-noko",
                "--registry",
                REGISTRY,
                "--out",
                out.toString(),
                "--from",
                "2026-02-15",
                "--to",
                "2026-03-05");

        assertThat(exit).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .hasSize(5 * 4 + 1)
                    .contains(
                            "irk-sosh-7.pdf",
                            "irk-sosh-7-qr.png",
                            "irk-sosh-7-qr.svg",
                            "irk-sosh-7.txt",
                            "demo-2026-noko-posters.zip");
        }
        assertThat(Files.readString(out.resolve("irk-sosh-7.txt")))
                .isEqualTo("https://opros.region.example/s/demo-2026-noko/irk-sosh-7\n");
        assertThat(stderr())
                .contains(
                        "5 организаций",
                        "demo-2026-noko-posters.zip",
                        "ссылки ведут на https://opros.region.example",
                        "с 15 февраля по 5 марта 2026 года");
    }

    @Test
    void oneOrganizationGetsItsFilesAndNoZip() throws Exception {
        int exit = run(
                Map.of(),
                "--campaign",
                "demo-2026-noko",
                "--registry",
                REGISTRY,
                "--organization",
                "irk-dou-5",
                "--out",
                out.toString(),
                "--base-url",
                "http://10.0.0.5:8080/");

        assertThat(exit).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "irk-dou-5.pdf", "irk-dou-5-qr.png", "irk-dou-5-qr.svg", "irk-dou-5.txt");
        }
        assertThat(Files.readString(out.resolve("irk-dou-5.txt")))
                .isEqualTo("http://10.0.0.5:8080/s/demo-2026-noko/irk-dou-5\n");
        assertThat(stderr()).contains("даты опроса не указаны");
    }

    @Test
    void eachOrganizationsPosterGivesTheWindowOfItsTypeFromTheCampaignFile(@TempDir Path campaigns) throws Exception {
        // Letter 000: kindergartens first, then schools and additional education.
        Files.writeString(campaigns.resolve("irkutsk.yaml"), """
                id: irkutsk-2026-noko
                title: "НОКО 2026"
                instrument: noko-education
                model: noko-education
                timeZone: Asia/Irkutsk
                windows:
                  - {types: [preschool], from: 2026-01-25, to: 2026-02-10}
                  - {types: [general, additional], from: 2026-02-15, to: 2026-03-05}
                """);

        int exit = run(
                Map.of("NOKO_CAMPAIGNS_DIR", campaigns.toString()),
                "--campaign",
                "irkutsk-2026-noko",
                "--registry",
                REGISTRY,
                "--out",
                out.toString());

        assertThat(exit).isZero();
        assertThat(Poppler.text(out.resolve("irk-dou-5.pdf"))).contains("с 25 января по 10 февраля 2026");
        assertThat(Poppler.text(out.resolve("irk-sosh-7.pdf"))).contains("с 15 февраля по 5 марта 2026");
    }

    @Test
    void mistakesAreReportedInRussian() {
        assertThat(run(Map.of(), "--campaign", "no-such-campaign", "--registry", REGISTRY, "--out", out.toString()))
                .isEqualTo(Commands.FAILED);
        assertThat(run(
                        Map.of(),
                        "--campaign",
                        "demo-2026-noko",
                        "--registry",
                        REGISTRY,
                        "--organization",
                        "nobody",
                        "--out",
                        out.toString()))
                .isEqualTo(Commands.FAILED);
        assertThat(run(
                        Map.of(),
                        "--campaign",
                        "demo-2026-noko",
                        "--registry",
                        REGISTRY,
                        "--from",
                        "2026-03-05",
                        "--to",
                        "2026-02-15",
                        "--out",
                        out.toString()))
                .isEqualTo(Commands.FAILED);
        assertThat(run(
                        Map.of(),
                        "--campaign",
                        "demo-2026-noko",
                        "--registry",
                        out.resolve("none.csv").toString(),
                        "--out",
                        out.toString()))
                .isEqualTo(Commands.FAILED);

        assertThat(stderr())
                .contains(
                        "кампании no-such-campaign нет среди известных",
                        "в реестре нет организации 'nobody'",
                        "дата окончания опроса 2026-02-15 раньше даты начала 2026-03-05",
                        "нет файла");
    }

    private static int run(Map<String, String> environment, String... args) {
        return Commands.commandLine(new PostersCommand(environment)).execute(args);
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
