package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.junit.jupiter.api.Test;

/**
 * The memory docker-compose.yml gives Flink, read by Flink's own parser as the containers will: the image's
 * configuration first (its {@code taskmanager.memory.process.size: 1728m} and {@code jobmanager.memory.process.size:
 * 1600m}), then FLINK_PROPERTIES, which the entrypoint appends and which win. A task manager whose parts do not add up
 * to its process size refuses to start; this test fails the same way, before any server does.
 */
class FlinkMemoryTest {

    /** What the flink image's own configuration file sets about memory. */
    private static final Map<String, String> IMAGE =
            Map.of("taskmanager.memory.process.size", "1728m", "jobmanager.memory.process.size", "1600m");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void theTaskManagersMemoryAddsUpAndGivesTheTasksTheHeapTheBenchmarksUsed() {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(configuration("taskmanager"));
        assertThat(spec.getTaskHeapSize()).isEqualTo(MemorySize.parse("12g"));
        assertThat(spec.getManagedMemorySize())
                .as("heap state: no managed memory")
                .isEqualTo(MemorySize.ZERO);
        assertThat(spec.getTotalProcessMemorySize())
                .isEqualTo(MemorySize.parse(
                        compose.flinkProperties("taskmanager").get("taskmanager.memory.process.size")));
    }

    @Test
    void theJobManagersMemoryAddsUp() {
        assertThat(JobManagerProcessUtils.processSpecFromConfig(configuration("jobmanager"))
                        .getTotalProcessMemorySize())
                .isEqualTo(MemorySize.parse("1600m"));
    }

    @Test
    void theParserRefusesWhatTheImageAloneWouldGiveA12GigabyteHeap() {
        Configuration image = new Configuration();
        image.setString("taskmanager.memory.process.size", "1728m");
        image.setString("taskmanager.memory.task.heap.size", "12g");
        image.setString("taskmanager.memory.managed.size", "0m");
        assertThatThrownBy(() -> TaskExecutorProcessUtils.processSpecFromConfig(image))
                .isInstanceOf(IllegalConfigurationException.class);
    }

    private Configuration configuration(String service) {
        Map<String, String> settings = new LinkedHashMap<>(IMAGE);
        settings.putAll(compose.flinkProperties(service));
        Configuration configuration = new Configuration();
        settings.forEach(configuration::setString);
        return configuration;
    }
}
