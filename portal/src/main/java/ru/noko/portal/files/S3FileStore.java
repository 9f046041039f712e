package ru.noko.portal.files;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Files in an S3 bucket of the server (the compose file's S3 service), under the portal's own keys. The bucket is
 * private: files leave only through the portal's routes, which check who asks, never by a public or presigned URL.
 */
public final class S3FileStore implements FileStore, AutoCloseable {

    private final S3Client client;
    private final String bucket;

    public S3FileStore(S3Settings settings) {
        this.client = S3Client.builder()
                .endpointOverride(settings.service().orElseThrow())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                // Self-hosted services address buckets by path, not by a DNS name per bucket.
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // The SDK's default checksum trailers are AWS's own; S3-compatible services vary.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        this.bucket = settings.bucket();
    }

    @Override
    public void put(String key, byte[] content) {
        client.putObject(
                request -> request.bucket(bucket).key(StoredFiles.requireValid(key)), RequestBody.fromBytes(content));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(
                    client.getObjectAsBytes(request -> request.bucket(bucket).key(StoredFiles.requireValid(key)))
                            .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        client.deleteObject(request -> request.bucket(bucket).key(StoredFiles.requireValid(key)));
    }

    @Override
    public void close() {
        client.close();
    }
}
