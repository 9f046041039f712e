package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ru.noko.export.cli.ExportCommand;
import ru.noko.local.GatewayProcess;

/**
 * The container images of our services copy what Maven builds: each Dockerfile's COPY sources are the jars the poms
 * produce (by artifact, version and classifier) or files in the repository, and the base images run the Java and
 * Flink versions the code is built for; the portal's image has the posters' fonts.
 */
class DockerfileTest {

    private static final String GATEWAY = "ingest-gateway/Dockerfile";
    private static final String PORTAL = "portal/Dockerfile";
    private static final String PIPELINE = "pipeline/Dockerfile";
    private static final String EXPORT = "export/Dockerfile";
    private static final Pattern ARG = Pattern.compile("(?m)^ARG\\s+(\\w+)=(\\S+)");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void theGatewayImageCopiesTheExecutableJarTheGatewayPomBuilds() {
        // spring-boot-maven-plugin's repackage puts the runnable jar beside the plain one, with this classifier.
        String jar = "ingest-gateway/target/" + CodeSettings.artifactId("ingest-gateway") + "-"
                + CodeSettings.projectVersion() + "-" + CodeSettings.pomElement("ingest-gateway", "classifier")
                + ".jar";
        assertThat(jarSources(GATEWAY)).containsExactly(jar);
        assertThat(Repository.path(jar)).as("built by mvn package").isRegularFile();
    }

    @Test
    void thePortalImageCopiesTheExecutableJarThePortalPomBuilds() {
        String jar = "portal/target/" + CodeSettings.artifactId("portal") + "-" + CodeSettings.projectVersion() + "-"
                + CodeSettings.pomElement("portal", "classifier") + ".jar";
        assertThat(jarSources(PORTAL)).containsExactly(jar);
        assertThat(Repository.path(jar)).as("built by mvn package").isRegularFile();
        String target = copies(PORTAL).get(0).target();
        assertThat(Repository.text(PORTAL)).contains("exec java $JAVA_OPTS -jar " + target);
    }

    @Test
    void thePortalImageHasThePostersFontsWhereThePortalLooksAndRunsAsItsOwnUserOnItsPort() {
        // The posters' Cyrillic: Debian's and Ubuntu's fonts-dejavu-core put DejaVu where the portal looks by default,
        // unless the image tells it another folder.
        String fonts = CodeSettings.portalVariables().get("NOKO_FONTS_DIR");
        String dockerfile = Repository.text(PORTAL);
        if (!dockerfile.contains("NOKO_FONTS_DIR")) {
            assertThat(fonts).isEqualTo("/usr/share/fonts/truetype/dejavu");
            assertThat(dockerfile).contains("apt-get install -y --no-install-recommends fonts-dejavu-core");
        }
        String port = CodeSettings.portalDefault("server.port");
        assertThat(dockerfile)
                .contains("USER noko")
                .contains("EXPOSE " + port)
                .contains("http://127.0.0.1:" + port + "/actuator/health");
        Matcher options = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(options.find()).as(PORTAL + " sets JAVA_OPTS").isTrue();
        assertThat(options.group(1)).contains("-Xmx");
    }

    @Test
    void theGatewayImageDrawsNoPostersAndNeedsNoFonts() {
        assertThat(CodeSettings.gatewayVariables()).doesNotContainKey("NOKO_FONTS_DIR");
        assertThat(Repository.text(GATEWAY)).doesNotContain("fonts-dejavu");
    }

    @Test
    void thePipelineImageCopiesTheShadedJobJarIntoFlinksUserLibraries() {
        String jar = "pipeline/target/" + CodeSettings.artifactId("pipeline") + "-" + CodeSettings.projectVersion()
                + "-" + CodeSettings.pomElement("pipeline", "shadedClassifierName") + ".jar";
        assertThat(jarSources(PIPELINE)).containsExactly(jar);
        assertThat(Repository.path(jar)).as("built by mvn package").isRegularFile();
        assertThat(copies(PIPELINE)).anySatisfy(copy -> {
            assertThat(copy.source()).isEqualTo(jar);
            assertThat(copy.target()).startsWith("/opt/flink/usrlib/");
        });
    }

    @Test
    void theExporterImageCopiesTheCommandsRunnableJarWhichStartsTheExportCommand() throws Exception {
        String jar = "export/target/" + CodeSettings.artifactId("export") + "-" + CodeSettings.projectVersion() + "-"
                + CodeSettings.pomElement("export", "shadedClassifierName") + ".jar";
        assertThat(jarSources(EXPORT)).containsExactly(jar);
        assertThat(Repository.path(jar)).as("built by mvn package").isRegularFile();
        try (JarFile runnable = new JarFile(Repository.path(jar).toFile())) {
            assertThat(runnable.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(ExportCommand.class.getName());
        }
        String target = copies(EXPORT).get(0).target();
        assertThat(Repository.text(EXPORT)).contains("exec java $JAVA_OPTS -jar " + target + " \\\"$@\\\"");
    }

    @Test
    void theExporterImageOwnsTheExportsFolderAndGivesTheJvmTheBenchmarksHeap() {
        // The named volume mounted at NOKO_EXPORTS_DIR takes the image directory's owner: the image must make it.
        String exports =
                Interpolation.withDefaults(compose.environment("exporter").get("NOKO_EXPORTS_DIR"));
        assertThat(Repository.text(EXPORT))
                .contains("mkdir -p " + exports)
                .contains("chown noko:noko " + exports)
                .contains("USER noko");
        // bench/export.sh measured a large region's export with this heap (BENCHMARKS.md).
        Matcher bench = Pattern.compile("heap=\\$\\{4:-([^}]*)}").matcher(Repository.text("bench/export.sh"));
        assertThat(bench.find()).as("bench/export.sh's default heap").isTrue();
        Matcher options = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"").matcher(Repository.text(EXPORT));
        assertThat(options.find()).as(EXPORT + " sets JAVA_OPTS").isTrue();
        assertThat(List.of(options.group(1).split("\\s+"))).contains("-Xmx" + bench.group(1));
    }

    @Test
    void everyOtherCopySourceIsAFileInTheRepositoryAndTheBuildContextLetsEveryOneThrough() {
        List<PathMatcher> allowed = new ArrayList<>();
        for (String line : Repository.text(".dockerignore").split("\n")) {
            if (line.startsWith("!")) {
                String pattern = line.substring(1).strip();
                allowed.add(FileSystems.getDefault()
                        .getPathMatcher("glob:" + pattern + (pattern.endsWith("/") ? "**" : "")));
            }
        }
        for (String dockerfile : List.of(GATEWAY, PORTAL, PIPELINE, EXPORT)) {
            for (Copy copy : copies(dockerfile)) {
                if (!copy.source().contains("/target/")) {
                    assertThat(Repository.path(copy.source()))
                            .as(dockerfile + " copies " + copy.source())
                            .isRegularFile();
                }
                assertThat(allowed)
                        .as(".dockerignore lets " + copy.source() + " into the build context")
                        .anyMatch(matcher -> matcher.matches(Path.of(copy.source())));
            }
        }
    }

    @Test
    void composeBuildsEachImageFromTheRepositoryRootAtTheProjectVersion() {
        String version = CodeSettings.projectVersion();
        for (String dockerfile : List.of(GATEWAY, PORTAL, PIPELINE, EXPORT)) {
            assertThat(argument(dockerfile, "VERSION"))
                    .as(dockerfile + " ARG VERSION")
                    .isEqualTo(version);
            List<String> builders = compose.servicesWhere(
                    service -> service.path("build").path("dockerfile").asText().equals(dockerfile));
            assertThat(builders).as("services building " + dockerfile).isNotEmpty();
            for (String service : builders) {
                assertThat(compose.service(service)
                                .path("build")
                                .path("context")
                                .asText())
                        .isEqualTo(".");
                assertThat(compose.service(service)
                                .path("build")
                                .path("args")
                                .path("VERSION")
                                .asText())
                        .isEqualTo(version);
                // The image is tagged with the release, not the project's version: a SNAPSHOT tag would be overwritten
                // by every build, and a rollback could not start the previous images again.
                assertThat(ComposeFile.imageTag(
                                compose.service(service).path("image").asText()))
                        .hasValueSatisfying(tag -> assertThat(tag).startsWith("${NOKO_RELEASE:?"));
            }
        }
    }

    @Test
    void theBaseImagesRunTheJavaAndFlinkTheCodeIsBuiltFor() {
        String java = CodeSettings.pomProperty("maven.compiler.release");
        assertThat(baseImage(GATEWAY)).matches("eclipse-temurin:" + java + "[._].*-jre.*");
        // The exporter and the portal run on the gateway's JRE, the same pinned image.
        assertThat(baseImage(EXPORT)).isEqualTo(baseImage(GATEWAY));
        assertThat(baseImage(PORTAL)).isEqualTo(baseImage(GATEWAY));
        assertThat(baseImage(PIPELINE))
                .isEqualTo("flink:" + CodeSettings.pomProperty("flink.version") + "-java" + java);
    }

    @Test
    void theBrokerImageRunsTheMetricsAgentTheClusterOnThisMachineRuns() {
        Matcher version = Pattern.compile("(?m)^ARG JMX_EXPORTER_VERSION=(\\S+)")
                .matcher(Repository.text("deploy/kafka/Dockerfile"));
        assertThat(version.find())
                .as("deploy/kafka/Dockerfile pins the JMX exporter")
                .isTrue();
        assertThat(version.group(1)).isEqualTo(CodeSettings.pomProperty("jmx-exporter.version"));
        assertThat(Repository.text("deploy/kafka/Dockerfile"))
                .as("with the rules file ./noko run --cluster gives its brokers")
                .contains("COPY jmx-exporter.yml ");
    }

    @Test
    void theGatewayImageStartsTheJvmAsTheLocalRunAndTheBenchmarkDo() {
        Matcher options = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"").matcher(Repository.text(GATEWAY));
        assertThat(options.find()).as(GATEWAY + " sets JAVA_OPTS").isTrue();
        assertThat(List.of(options.group(1).split("\\s+"))).isEqualTo(GatewayProcess.JVM_OPTIONS);
        assertThat(Repository.text(GATEWAY)).contains("exec java $JAVA_OPTS -jar");
    }

    record Copy(String source, String target) {}

    /** COPY instructions, with ARG defaults in place. */
    private static List<Copy> copies(String dockerfile) {
        String text = Repository.text(dockerfile);
        List<Copy> copies = new ArrayList<>();
        Matcher matcher = COPY.matcher(text);
        while (matcher.find()) {
            copies.add(new Copy(expand(dockerfile, matcher.group(1)), matcher.group(2)));
        }
        assertThat(copies).as(dockerfile + " copies something").isNotEmpty();
        return copies;
    }

    private static List<String> jarSources(String dockerfile) {
        return copies(dockerfile).stream()
                .map(Copy::source)
                .filter(source -> source.endsWith(".jar"))
                .toList();
    }

    private static String expand(String dockerfile, String text) {
        Matcher reference = Pattern.compile("\\$\\{(\\w+)}").matcher(text);
        return reference.replaceAll(match -> Matcher.quoteReplacement(argument(dockerfile, match.group(1))));
    }

    private static String argument(String dockerfile, String name) {
        Matcher matcher = ARG.matcher(Repository.text(dockerfile));
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError(dockerfile + " has no ARG " + name + " with a default");
    }

    private static String baseImage(String dockerfile) {
        Matcher matcher = FROM.matcher(Repository.text(dockerfile));
        assertThat(matcher.find()).as(dockerfile + " FROM").isTrue();
        return matcher.group(1);
    }
}
