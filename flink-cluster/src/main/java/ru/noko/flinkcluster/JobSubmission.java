package ru.noko.flinkcluster;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * What {@code flink run --detached} does, in a JVM of its own with the cluster's class path: reads the cluster's
 * configuration (its REST address), runs the job jar's main class to get its job graph (the program's own code before
 * {@code execute()} runs here, with this process's environment, as on the client), and submits the graph with the jar
 * through the REST API ({@code POST /jobs}, which {@code web.submit.enable: false} leaves open). The job's id goes to a
 * file.
 *
 * <pre>
 * JobSubmission --configDir DIR --jar JOB.jar --class MAIN --parallelism N [--fromSavepoint PATH] --jobIdFile FILE
 *     [-- PROGRAM ARGUMENTS...]
 * </pre>
 */
public final class JobSubmission {

    private JobSubmission() {}

    public static void main(String[] args) throws Exception {
        String configDir = null;
        String jar = null;
        String mainClass = null;
        int parallelism = -1;
        String fromSavepoint = null;
        String jobIdFile = null;
        List<String> programArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--configDir" -> configDir = args[++i];
                case "--jar" -> jar = args[++i];
                case "--class" -> mainClass = args[++i];
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--fromSavepoint" -> fromSavepoint = args[++i];
                case "--jobIdFile" -> jobIdFile = args[++i];
                case "--" -> {
                    programArgs.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (configDir == null || jar == null || mainClass == null || jobIdFile == null) {
            throw new IllegalArgumentException("--configDir, --jar, --class and --jobIdFile are required");
        }

        Configuration config = GlobalConfiguration.loadConfiguration(configDir);
        if (fromSavepoint != null) {
            // As `flink run --fromSavepoint`: the claim mode is the configuration's (execution.state-recovery.*).
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, fromSavepoint);
        }
        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(new File(jar))
                .setEntryPointClassName(mainClass)
                .setArguments(programArgs.toArray(String[]::new))
                .setConfiguration(config)
                .setSavepointRestoreSettings(SavepointRestoreSettings.fromConfiguration(config))
                .build();
        try {
            int defaultParallelism = parallelism > 0
                    ? parallelism
                    : config.get(org.apache.flink.configuration.CoreOptions.DEFAULT_PARALLELISM);
            // Adds the job jar to the graph: the REST client uploads it with the submission.
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, config, defaultParallelism, false);
            try (RestClusterClient<StandaloneClusterId> client =
                    new RestClusterClient<>(config, StandaloneClusterId.getInstance())) {
                JobID id = client.submitJob(graph).get(2, TimeUnit.MINUTES);
                Files.writeString(Path.of(jobIdFile), id.toHexString(), StandardCharsets.UTF_8);
                System.out.println("Job has been submitted with JobID " + id);
            }
        } finally {
            program.close();
        }
    }
}
