package ru.noko.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import ru.noko.local.LocalSystem;
import ru.noko.methodology.registry.Organization;

/**
 * The operator's registry import as a browser makes it, timed step by step with the CPU each part of the system spent.
 */
final class RegistryImport {

    private static final Pattern CREDENTIALS = Pattern.compile("href=\"(/operator/registry/credentials/[^\"]+)\"");
    private static final Pattern PREVIEW_COUNT = Pattern.compile("id=\"(added|changed|removed)\"[^>]*>(\\d+)<");

    private RegistryImport() {}

    /** One import's steps, in seconds, and the first passwords it gave. */
    record Times(
            double upload,
            double preview,
            double confirm,
            double download,
            PortalCpu cpu,
            PortalCpu confirmCpu,
            Map<String, Integer> counts,
            Map<String, String> firstPasswords) {

        double total() {
            return upload + preview + confirm + download;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "end to end %.2f s: upload %.2f s, preview %.2f s, confirm %.2f s, first passwords %.2f s; "
                            + "preview: added %d, changed %d, removed %d; %d first passwords; CPU, whole import:"
                            + " portal %.2f s, PostgreSQL %.2f s, machine %.2f s; of it the confirmation: portal"
                            + " %.2f s, PostgreSQL %.2f s, machine %.2f s",
                    total(),
                    upload,
                    preview,
                    confirm,
                    download,
                    counts.getOrDefault("added", -1),
                    counts.getOrDefault("changed", -1),
                    counts.getOrDefault("removed", -1),
                    firstPasswords.size(),
                    cpu.portalMs() / 1000,
                    cpu.postgresMs() / 1000,
                    cpu.machineMs() / 1000,
                    confirmCpu.portalMs() / 1000,
                    confirmCpu.postgresMs() / 1000,
                    confirmCpu.machineMs() / 1000);
        }
    }

    /**
     * The operator's import as a browser makes it: the registry page (not timed: the operator opening it), the
     * upload (answered by a redirect to the preview), the preview, the confirmation posted with the preview's own
     * form token, and the first passwords' download.
     */
    static Times run(LocalSystem system, PortalSession operator, String fileName, List<Organization> registry)
            throws IOException {
        byte[] content = RegionRegistry.registryCsv(registry);
        String token = operator.csrf(operator.page("/operator/registry"));
        String boundary = "noko-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        PortalCpu before = PortalCpu.now(system);
        long start = System.nanoTime();
        HttpResponse<String> uploaded = operator.send(HttpRequest.newBuilder(operator.uri("/operator/registry"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        long afterUpload = System.nanoTime();
        String draft = uploaded.headers()
                .firstValue("Location")
                .map(l -> URI.create(l).getPath())
                .orElse("");
        if (uploaded.statusCode() != 302 || !draft.startsWith("/operator/registry/drafts/")) {
            throw new IOException(
                    "the upload was answered " + uploaded.statusCode() + ": " + PortalSession.text(uploaded.body()));
        }
        String preview = operator.page(draft);
        long afterPreview = System.nanoTime();
        Map<String, Integer> counts = new HashMap<>();
        Matcher count = PREVIEW_COUNT.matcher(preview);
        while (count.find()) {
            counts.put(count.group(1), Integer.parseInt(count.group(2)));
        }
        PortalCpu beforeConfirm = PortalCpu.now(system);
        HttpResponse<String> done = operator.postForm(draft + "/confirm", Map.of(), operator.csrf(preview));
        long afterConfirm = System.nanoTime();
        PortalCpu confirmCpu = PortalCpu.now(system).minus(beforeConfirm);
        if (done.statusCode() != 200 || !done.body().contains("Реестр загружен")) {
            throw new IOException(
                    "the confirmation was answered " + done.statusCode() + ": " + PortalSession.text(done.body()));
        }
        Matcher link = CREDENTIALS.matcher(done.body());
        String csv = link.find() ? operator.page(link.group(1)) : "";
        long afterDownload = System.nanoTime();
        PortalCpu cpu = PortalCpu.now(system).minus(before);
        return new Times(
                seconds(afterUpload - start),
                seconds(afterPreview - afterUpload),
                seconds(afterConfirm - afterPreview),
                seconds(afterDownload - afterConfirm),
                cpu,
                confirmCpu,
                counts,
                firstPasswords(csv));
    }

    static void check(Times times, int added, int changed, int removed) {
        Map<String, Integer> expected = Map.of("added", added, "changed", changed, "removed", removed);
        if (!expected.equals(times.counts()) || times.firstPasswords().size() != added) {
            throw new IllegalStateException(
                    "the import did not do what was expected (" + expected + "): " + times.describe());
        }
    }

    static String medians(List<Times> rounds) {
        return String.format(
                Locale.ROOT,
                "end to end %.2f s (%s); upload %.2f s, preview %.2f s, confirm %.2f s, first passwords %.2f s"
                        + " (medians of each step)",
                BenchLines.median(rounds.stream().map(Times::total).toList()),
                rounds.stream()
                        .map(r -> String.format(Locale.ROOT, "%.2f", r.total()))
                        .collect(Collectors.joining(" / ")),
                BenchLines.median(rounds.stream().map(Times::upload).toList()),
                BenchLines.median(rounds.stream().map(Times::preview).toList()),
                BenchLines.median(rounds.stream().map(Times::confirm).toList()),
                BenchLines.median(rounds.stream().map(Times::download).toList()));
    }

    /** organization_id → first password, from the download (organization_id,name,municipality,login,password). */
    private static Map<String, String> firstPasswords(String csv) throws IOException {
        Map<String, String> passwords = new HashMap<>();
        String plain = csv.replace("\uFEFF", "").strip();
        if (plain.isEmpty()) {
            return passwords;
        }
        List<CSVRecord> records =
                CSVFormat.RFC4180.parse(new StringReader(plain)).getRecords();
        for (int i = 1; i < records.size(); i++) {
            passwords.put(records.get(i).get(3), records.get(i).get(4));
        }
        return passwords;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
