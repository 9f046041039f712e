package ru.noko.local.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.noko.devstack.process.ChildProcess;

/**
 * Debian's Prometheus running the deployment's deploy/prometheus/prometheus.yml and its alerting rules, for the server
 * topology on this machine. The file is the server's with each scrape job's targets replaced by the loopback addresses
 * of the processes that stand for its containers; a job whose part the cluster does not run is left out (and named by
 * {@link Rendered#leftOut()}), and so is the Alertmanager the alerts would go to. Everything else — intervals, metrics
 * paths, the rules — is the server's.
 */
public final class ClusterPrometheus {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String HOST = "127.0.0.1";

    private ClusterPrometheus() {}

    /** The configuration as rendered: its text and the scrape jobs it left out. */
    public record Rendered(String yaml, List<String> jobs, List<String> leftOut) {}

    /**
     * The shipped configuration with each job in {@code targets} scraping those addresses instead, and every other
     * job left out. {@code targets} keeps the shipped file's job names: gateway, flink-jobmanager, kafka…
     */
    @SuppressWarnings("unchecked")
    public static Rendered onLoopback(String shipped, Map<String, List<String>> targets) {
        Map<String, Object> config;
        try {
            config = YAML.readValue(shipped, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("deploy/prometheus/prometheus.yml is not YAML", e);
        }
        // No Alertmanager here: the rules are evaluated and their alerts shown by Prometheus, not mailed.
        config.remove("alerting");
        List<Map<String, Object>> kept = new ArrayList<>();
        List<String> jobs = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            String name = (String) job.get("job_name");
            List<String> addresses = targets.get(name);
            if (addresses == null || addresses.isEmpty()) {
                leftOut.add(name);
                continue;
            }
            Map<String, Object> local = new LinkedHashMap<>(job);
            // Docker's DNS finds the task managers on a server; here their addresses are known.
            local.remove("dns_sd_configs");
            local.put("static_configs", List.of(Map.of("targets", addresses)));
            kept.add(local);
            jobs.add(name);
        }
        config.put("scrape_configs", kept);
        try {
            return new Rendered(YAML.writeValueAsString(config), List.copyOf(jobs), List.copyOf(leftOut));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port}, a target as the rendered file names it. */
    public static String target(int port) {
        return HOST + ":" + port;
    }

    /**
     * Starts Prometheus on {@code port} with {@code rendered} and the rules files beside {@code shippedFile} (the
     * shipped file names them relative to itself), its data in {@code directory/data}.
     */
    public static ChildProcess start(Path directory, Path shippedFile, Rendered rendered, int port) {
        try {
            Files.createDirectories(directory.resolve("data"));
            Path config = directory.resolve("prometheus.yml");
            Files.writeString(config, rendered.yaml());
            for (String rules : ruleFiles(rendered.yaml())) {
                Files.copy(
                        shippedFile.resolveSibling(rules),
                        directory.resolve(rules),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ChildProcess prometheus = ChildProcess.start(
                    "prometheus",
                    List.of(
                            "prometheus",
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + directory.resolve("data"),
                            "--web.listen-address=" + target(port)),
                    directory.resolve("prometheus.log"));
            prometheus.awaitReady(java.time.Duration.ofSeconds(60), () -> ChildProcess.listening(port, 500));
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Prometheus in " + directory, e);
        }
    }

    /** Where a Prometheus started on {@code port} answers. */
    public static URI address(int port) {
        return URI.create("http://" + target(port));
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleFiles(String yaml) throws IOException {
        Object files = YAML.readValue(yaml, LinkedHashMap.class).get("rule_files");
        return files == null ? List.of() : (List<String>) files;
    }
}
