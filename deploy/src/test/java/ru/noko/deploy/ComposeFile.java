package ru.noko.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** docker-compose.yml as Compose reads it: anchors resolved, values as written (before interpolation). */
record ComposeFile(JsonNode root) {

    static final String PATH = "docker-compose.yml";

    static ComposeFile load() {
        return new ComposeFile(Repository.yamlWithAnchors(PATH));
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError(PATH + " has no service " + name);
        }
        return service;
    }

    List<String> servicesWhere(Predicate<JsonNode> condition) {
        return serviceNames().stream()
                .filter(name -> condition.test(service(name)))
                .toList();
    }

    /** Services whose image is this repository (the part before the tag), e.g. apache/kafka. */
    List<String> servicesOfImage(String repository) {
        return servicesWhere(
                service -> imageRepository(service.path("image").asText()).equals(repository));
    }

    /** The services running Kafka: apache/kafka as it is, or the broker's image built on it (deploy/kafka). */
    List<String> kafkaServices() {
        return servicesWhere(
                service -> imageRepository(service.path("image").asText()).equals("apache/kafka")
                        || service.path("build").path("context").asText().equals(KAFKA_BUILD));
    }

    static final String KAFKA_BUILD = "./deploy/kafka";

    /**
     * Services that run the image built from this Dockerfile (path from the repository root): those that build it and
     * those that only name the image (the task managers run the job manager's).
     */
    List<String> servicesRunningImageOf(String dockerfile) {
        Set<String> images = new TreeSet<>();
        for (String name : serviceNames()) {
            JsonNode service = service(name);
            if (service.path("build").path("dockerfile").asText().equals(dockerfile)) {
                images.add(service.path("image").asText());
            }
        }
        return servicesWhere(service -> images.contains(service.path("image").asText()));
    }

    /** A service's environment as written, in either of Compose's two forms. */
    Map<String, String> environment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service(name).path("environment");
        if (node.isArray()) {
            node.forEach(entry -> {
                String[] pair = entry.asText().split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        } else {
            node.fields()
                    .forEachRemaining(entry ->
                            environment.put(entry.getKey(), entry.getValue().asText()));
        }
        return environment;
    }

    /** An environment variable's value with the defaults .env.example documents (required ones as {@code <NAME>}). */
    Optional<String> variable(String service, String name) {
        return Optional.ofNullable(environment(service).get(name)).map(Interpolation::withDefaults);
    }

    /** Services that run once and exit: others wait for them to have completed successfully. */
    Set<String> oneShots() {
        Set<String> oneShots = new TreeSet<>();
        for (String name : serviceNames()) {
            service(name).path("depends_on").fields().forEachRemaining(dependency -> {
                if ("service_completed_successfully"
                        .equals(dependency.getValue().path("condition").asText())) {
                    oneShots.add(dependency.getKey());
                }
            });
        }
        return oneShots;
    }

    /** Every string in the file (keys and values), where Compose interpolates. */
    List<String> strings() {
        List<String> strings = new ArrayList<>();
        collect(root, strings);
        return strings;
    }

    private static void collect(JsonNode node, List<String> strings) {
        if (node.isTextual()) {
            strings.add(node.asText());
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                strings.add(field.getKey());
                collect(field.getValue(), strings);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, strings));
        }
    }

    /** Named volumes (declared at the top level) mounted by a service, as volume name → container path. */
    Map<String, String> namedVolumes(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode volume : service(name).path("volumes")) {
            String source;
            String target;
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : "";
            } else {
                source = volume.path("source").asText();
                target = volume.path("target").asText();
            }
            if (root.path("volumes").has(source)) {
                mounts.put(source, target);
            }
        }
        return mounts;
    }

    /** Bind mounts of a service, as host path (relative to the repository) → container path. */
    Map<String, String> bindMounts(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode volume : service(name).path("volumes")) {
            String[] parts = Interpolation.withDefaults(volume.asText()).split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[0].substring(2), parts[1]);
            }
        }
        return mounts;
    }

    /** Container ports a service publishes. */
    List<Integer> publishedContainerPorts(String name) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : service(name).path("ports")) {
            String[] parts = Interpolation.withDefaults(port.asText()).split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1].replaceAll("/.*", "")));
        }
        return ports;
    }

    /** Flink's configuration given to a service through FLINK_PROPERTIES, defaults in place. */
    Map<String, String> flinkProperties(String name) {
        Map<String, String> properties = new LinkedHashMap<>();
        String text = variable(name, "FLINK_PROPERTIES")
                .orElseThrow(() -> new AssertionError(name + " has no FLINK_PROPERTIES"));
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                String[] pair = line.split(":", 2);
                properties.put(pair[0].strip(), pair[1].strip());
            }
        }
        return properties;
    }

    static String imageRepository(String image) {
        int colon = tagSeparator(image);
        return colon >= 0 ? image.substring(0, colon) : image;
    }

    /** The tag as written, a variable such as ${NOKO_RELEASE:?…} included. */
    static Optional<String> imageTag(String image) {
        int colon = tagSeparator(image);
        return colon >= 0 ? Optional.of(image.substring(colon + 1)) : Optional.empty();
    }

    /** The colon before the tag: the last one of the name, which a variable in the tag may follow. */
    private static int tagSeparator(String image) {
        int variable = image.indexOf("${");
        String name = variable < 0 ? image : image.substring(0, variable);
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? colon : -1;
    }
}
