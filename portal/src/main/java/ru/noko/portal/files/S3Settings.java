package ru.noko.portal.files;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The S3-compatible service a server keeps the portal's files in ({@code NOKO_S3_*}): its own bucket and account,
 * apart from the exports'. Without an endpoint the files stay in the portal's folder.
 *
 * @param endpoint the service's address, e.g. {@code http://s3:7070}; empty for none
 * @param region the signing region; self-hosted servers accept any
 */
@ConfigurationProperties("noko.portal.s3")
public record S3Settings(String endpoint, String bucket, String region, String accessKey, String secretKey) {

    public S3Settings {
        endpoint = endpoint == null ? "" : endpoint.strip();
        bucket = bucket == null ? "" : bucket.strip();
        region = region == null || region.isBlank() ? "us-east-1" : region.strip();
        accessKey = accessKey == null ? "" : accessKey;
        secretKey = secretKey == null ? "" : secretKey;
    }

    /**
     * The service's address, when one is set.
     *
     * @throws IllegalStateException naming what is missing when an endpoint is set without a bucket or credentials
     */
    public Optional<URI> service() {
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (bucket.isEmpty()) {
            missing.add("NOKO_S3_BUCKET");
        }
        if (accessKey.isEmpty()) {
            missing.add("NOKO_S3_ACCESS_KEY");
        }
        if (secretKey.isEmpty()) {
            missing.add("NOKO_S3_SECRET_KEY");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("NOKO_S3_ENDPOINT is set, but not " + String.join(", ", missing));
        }
        return Optional.of(URI.create(endpoint));
    }
}
