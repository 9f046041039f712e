package ru.noko.export.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import ru.noko.export.files.Manifest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Exports in S3-compatible storage, as {@code s3://<bucket>/<prefix><campaign>/<cut-off>/<file>}: the local folder's
 * files, uploaded one by one, {@code manifest.json} last, so a listing (which goes by the manifests) never shows a
 * half-uploaded export.
 *
 * <p>Never overwritten, twice over: an export whose manifest is in the bucket is refused before anything is sent, and
 * every object is put with {@code If-None-Match: *}, which the storage refuses (412) when the key exists — so two
 * writers racing for the same export cannot replace each other's objects either. An upload cut short (the network,
 * a restart) leaves objects without a manifest; the next attempt keeps those whose bytes are the export's own and
 * refuses if any differs.
 */
public final class S3ExportStore implements ExportStore, AutoCloseable {

    private static final int PRECONDITION_FAILED = 412;

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    public S3ExportStore(S3Settings settings) {
        this.client = S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                // Self-hosted services (the deployment's among them) address buckets by path, not by a name per bucket.
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // The SDK's default CRC trailers (aws-chunked) are AWS's own; S3-compatible services vary. The payload
                // is signed in full over plain HTTP, and checked against the manifest's SHA-256 where it matters.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
    }

    /** The key prefix of an export, ending in {@code /}. */
    public String keyPrefix(String campaignId, Instant cutOff) {
        return prefix + campaignId + "/" + CutOffName.of(cutOff) + "/";
    }

    @Override
    public boolean holds(String campaignId, Instant cutOff) throws IOException {
        try {
            return objects(keyPrefix(campaignId, cutOff))
                    .containsKey(keyPrefix(campaignId, cutOff) + Manifest.FILE_NAME);
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void keep(String campaignId, Instant cutOff, Path folder) throws IOException {
        try {
            upload(campaignId, cutOff, folder);
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    private void upload(String campaignId, Instant cutOff, Path folder) throws IOException {
        String keys = keyPrefix(campaignId, cutOff);
        Map<String, S3Object> present = objects(keys);
        if (present.containsKey(keys + Manifest.FILE_NAME)) {
            throw refused(keys, "выгрузка уже есть в хранилище");
        }
        List<Path> files = files(folder);
        for (String key : present.keySet()) {
            Optional<Path> same = files.stream()
                    .filter(file -> key.equals(keys + file.getFileName()))
                    .findFirst();
            if (same.isEmpty() || !sha256(Files.newInputStream(same.get())).equals(sha256(objectBytes(key)))) {
                throw refused(keys, "под этим именем уже лежит объект " + key + ", не совпадающий с выгрузкой");
            }
        }
        for (Path file : files) {
            String key = keys + file.getFileName();
            if (!present.containsKey(key)) {
                put(key, file, keys);
            }
        }
    }

    @Override
    public List<StoredExport> list() throws IOException {
        List<StoredExport> listed = new ArrayList<>();
        Map<String, S3Object> objects;
        try {
            objects = objects(prefix);
        } catch (SdkException e) {
            throw unavailable(e);
        }
        for (String key : objects.keySet()) {
            String[] parts = key.substring(prefix.length()).split("/");
            if (parts.length == 3 && parts[2].equals(Manifest.FILE_NAME)) {
                CutOffName.parse(parts[1])
                        .ifPresent(
                                cutOff -> listed.add(new StoredExport(parts[0], cutOff, location(parts[0], cutOff))));
            }
        }
        listed.sort(Comparator.comparing(StoredExport::campaignId).thenComparing(StoredExport::cutOff));
        return listed;
    }

    @Override
    public String location(String campaignId, Instant cutOff) {
        return "s3://" + bucket + "/" + keyPrefix(campaignId, cutOff);
    }

    @Override
    public void close() {
        client.close();
    }

    private void put(String key, Path file, String keys) throws IOException {
        try {
            client.putObject(
                    PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(key)
                            .ifNoneMatch("*")
                            .contentType(contentType(file))
                            .build(),
                    RequestBody.fromFile(file));
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                FileAlreadyExistsException exists =
                        refused(keys, "объект " + key + " записан кем-то другим во время выгрузки");
                exists.initCause(e);
                throw exists;
            }
            throw new IOException("не удалось записать " + key + " в хранилище: " + e.getMessage(), e);
        }
    }

    /** The storage's own words (English), after ours. */
    private IOException unavailable(SdkException e) {
        return new IOException("хранилище выгрузок s3://" + bucket + "/ недоступно или отказало: " + e.getMessage(), e);
    }

    /** Every object under a key prefix, by key (sorted). */
    private Map<String, S3Object> objects(String keyPrefix) {
        Map<String, S3Object> objects = new TreeMap<>();
        client.listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(bucket)
                        .prefix(keyPrefix)
                        .build())
                .contents()
                .forEach(object -> objects.put(object.key(), object));
        return objects;
    }

    private InputStream objectBytes(String key) {
        return client.getObject(builder -> builder.bucket(bucket).key(key));
    }

    /** The folder's files, the manifest last: it marks the export complete. */
    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(
                                    (Path file) -> file.getFileName().toString().equals(Manifest.FILE_NAME))
                            .thenComparing(file -> file.getFileName().toString()))
                    .toList();
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        } else if (name.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        } else if (name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private FileAlreadyExistsException refused(String keys, String why) {
        return new FileAlreadyExistsException(
                "s3://" + bucket + "/" + keys, null, why + "; выгрузки не перезаписываются");
    }

    private static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
