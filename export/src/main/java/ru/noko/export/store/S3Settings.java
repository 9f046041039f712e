package ru.noko.export.store;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * Where the server keeps its exports: an S3-compatible service (the Versity S3 Gateway in docker-compose.yml), a bucket and a key
 * prefix. Everything comes from the environment, the credentials only from there; without {@code NOKO_S3_ENDPOINT}
 * exports stay in the local folder alone.
 *
 * @param endpoint the service's address, e.g. {@code http://s3:7070}
 * @param bucket an existing bucket
 * @param prefix the start of every key, empty or ending in {@code /}
 * @param region the signing region; self-hosted servers accept any, {@code us-east-1} unless configured otherwise
 */
public record S3Settings(
        URI endpoint, String bucket, String prefix, String region, String accessKey, String secretKey) {

    public static final String ENDPOINT = "NOKO_S3_ENDPOINT";
    public static final String BUCKET = "NOKO_S3_BUCKET";
    public static final String PREFIX = "NOKO_S3_PREFIX";
    public static final String REGION = "NOKO_S3_REGION";
    public static final String ACCESS_KEY = "NOKO_S3_ACCESS_KEY";
    public static final String SECRET_KEY = "NOKO_S3_SECRET_KEY";

    public S3Settings {
        prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /**
     * @return empty when no endpoint is set
     * @throws IllegalArgumentException naming what is missing when an endpoint is set without bucket or credentials
     */
    public static Optional<S3Settings> fromEnvironment(Map<String, String> environment) {
        // Every variable is read whatever is set, so a recording map (the deployment's tests) sees them all.
        EnvironmentSettings variables = new EnvironmentSettings(environment);
        String endpoint = variables.text(ENDPOINT, "");
        String bucket = variables.text(BUCKET, "");
        String prefix = variables.text(PREFIX, "exports/");
        String region = variables.text(REGION, "us-east-1");
        String accessKey = variables.text(ACCESS_KEY, "");
        String secretKey = variables.text(SECRET_KEY, "");
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (bucket.isEmpty()) {
            missing.add(BUCKET);
        }
        if (accessKey.isEmpty()) {
            missing.add(ACCESS_KEY);
        }
        if (secretKey.isEmpty()) {
            missing.add(SECRET_KEY);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("задан " + ENDPOINT + ", но не заданы " + String.join(", ", missing));
        }
        return Optional.of(new S3Settings(URI.create(endpoint), bucket, prefix, region, accessKey, secretKey));
    }

    @Override
    public String toString() {
        // Never the secret key: settings end up in logs and error messages.
        return "S3Settings[" + endpoint + ", s3://" + bucket + "/" + prefix + ", region " + region + "]";
    }
}
