package ru.noko.portal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The server's file store against a real S3 server (S3Proxy, in this JVM, over HTTP): files kept under the portal's
 * keys in its own bucket, read back and deleted, and nothing else taken as a key.
 */
class S3FileStoreTest {

    private static final String BUCKET = "noko-portal";

    @RegisterExtension
    final S3ProxyExtension s3Proxy = S3ProxyExtension.builder()
            .withCredentials("noko-portal", "portal-secret-key")
            .build();

    private S3Settings settings;

    @BeforeEach
    void bucket() {
        settings = new S3Settings(
                s3Proxy.getUri().toString(), BUCKET, "us-east-1", s3Proxy.getAccessKey(), s3Proxy.getSecretKey());
        try (S3Client admin = S3Client.builder()
                .endpointOverride(s3Proxy.getUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3Proxy.getAccessKey(), s3Proxy.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build()) {
            admin.createBucket(request -> request.bucket(BUCKET));
        }
    }

    @Test
    void aFileIsKeptInTheBucketUnderItsKeyReadBackAndDeleted() {
        try (S3FileStore store = new S3FileStore(settings)) {
            String key = StoredFiles.newKey("photos", "jpg");
            byte[] photo = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};

            store.put(key, photo);

            assertThat(store.get(key))
                    .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(photo));
            store.delete(key);
            assertThat(store.get(key)).isEmpty();
            assertThat(store.get(StoredFiles.newKey("orders", "pdf")))
                    .as("never stored")
                    .isEmpty();
        }
    }

    @Test
    void nothingButThePortalsOwnKeysReachesTheBucket() {
        try (S3FileStore store = new S3FileStore(settings)) {
            for (String forged : new String[] {"../secret", "photos/a.jpg", "", "photos/../../x"}) {
                assertThatThrownBy(() -> store.put(forged, new byte[] {1}))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void anEndpointWithoutItsBucketOrCredentialsIsNamedAtStart() {
        assertThatThrownBy(() -> new S3Settings("http://s3:9000", "", null, "key", "").service())
                .hasMessageContaining("NOKO_S3_BUCKET")
                .hasMessageContaining("NOKO_S3_SECRET_KEY");
        assertThat(new S3Settings("", "", null, "", "").service()).isEmpty();
    }
}
