package ru.noko.local.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;

/**
 * What a cluster's job manager says through its REST API — the task managers registered and busy, a job's state and
 * checkpoints — and waiting until it says something. {@link FlinkCluster} runs the processes; this reads them.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FlinkRest(URI url) {
        this.url = url;
    }

    public URI url() {
        return url;
    }

    /** A job's checkpoint statistics (REST /jobs/:id/checkpoints). */
    public record Checkpoints(
            long completed,
            long failed,
            long inProgress,
            long restored,
            Optional<Long> latestCompletedId,
            Optional<String> latestCompletedPath,
            Optional<String> restoredFrom) {}

    /** The task managers registered with the job manager (REST /taskmanagers), by id. */
    public Set<String> registeredTaskManagers() {
        Set<String> ids = new TreeSet<>();
        rest("/taskmanagers")
                .path("taskmanagers")
                .forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** Task managers some of whose slots are taken, i.e. that run tasks. */
    public Set<String> busyTaskManagers() {
        Set<String> ids = new TreeSet<>();
        rest("/taskmanagers").path("taskmanagers").forEach(tm -> {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                ids.add(tm.path("id").asText());
            }
        });
        return ids;
    }

    public void awaitTaskManagers(int count, Duration timeout) {
        await(
                "" + count + " task managers registered",
                timeout,
                () -> registeredTaskManagers().size() == count);
    }

    /** Waits until the job and every one of its tasks run. */
    public void awaitRunning(JobID job, Duration timeout) {
        await("job " + job + " running", timeout, () -> isRunning(job));
    }

    public boolean isRunning(JobID job) {
        JsonNode details = rest("/jobs/" + job);
        if (!"RUNNING".equals(details.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : details.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return details.path("vertices").size() > 0;
    }

    /** The job's state (RUNNING, RESTARTING, FAILED…). */
    public String jobState(JobID job) {
        return rest("/jobs/" + job).path("state").asText();
    }

    public Checkpoints checkpoints(JobID job) {
        JsonNode stats = rest("/jobs/" + job + "/checkpoints");
        JsonNode counts = stats.path("counts");
        JsonNode completed = stats.path("latest").path("completed");
        JsonNode restored = stats.path("latest").path("restored");
        return new Checkpoints(
                counts.path("completed").asLong(),
                counts.path("failed").asLong(),
                counts.path("in_progress").asLong(),
                counts.path("restored").asLong(),
                completed.isObject() ? Optional.of(completed.path("id").asLong()) : Optional.empty(),
                completed.isObject()
                        ? Optional.of(completed.path("external_path").asText())
                        : Optional.empty(),
                restored.isObject() ? Optional.of(restored.path("external_path").asText()) : Optional.empty());
    }

    /** Waits for a checkpoint of {@code job} completed after the call, and returns the statistics then. */
    public Checkpoints awaitNextCheckpoint(JobID job, Duration timeout) {
        long before = checkpoints(job).latestCompletedId().orElse(-1L);
        await(
                "a checkpoint of " + job + " after " + before,
                timeout,
                () -> checkpoints(job).latestCompletedId().orElse(-1L) > before);
        return checkpoints(job);
    }

    boolean answers(String path) {
        try {
            HttpResponse<String> response = get(path);
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode rest(String path) {
        try {
            HttpResponse<String> response = get(path);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + path + " interrupted", e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(url.resolve(path))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code condition} (a REST call that fails counts as not yet) until it holds. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
        throw new IllegalStateException("not within " + timeout + ": " + what, last);
    }
}
