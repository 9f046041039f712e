package ru.noko.posters;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * The address of one organization's survey page in one campaign: {@code <base>/s/<campaignId>/<organizationId>}, the
 * path the gateway serves the page at. What the poster prints and its QR code holds.
 *
 * <p>Each id is percent-encoded as a path segment (UTF-8; only {@code A-Z a-z 0-9 - . _ ~} are left as they are), so
 * an id with a slash, a space, a question mark or Cyrillic letters still names one segment of the path and nothing
 * else. Registry ids never need it (they are {@code A-Z a-z 0-9 . _ -}), but a link must not depend on that.
 */
public final class SurveyLink {

    /** The variable that holds the address respondents reach the platform at, e.g. {@code https://opros.region.ru}. */
    public static final String BASE_URL_VARIABLE = "NOKO_PUBLIC_URL";
    /** The local run's gateway. */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private final String base;
    private final String campaignId;
    private final String organizationId;

    private SurveyLink(String base, String campaignId, String organizationId) {
        this.base = base;
        this.campaignId = campaignId;
        this.organizationId = organizationId;
    }

    /**
     * The link under {@code baseUrl} (http or https, with a host; a path prefix such as {@code /noko} is kept, a
     * trailing slash dropped; no query or fragment, which would swallow the path that follows).
     */
    public static SurveyLink of(String baseUrl, String campaignId, String organizationId) {
        return new SurveyLink(
                checkedBase(baseUrl), segment(campaignId, "campaign"), segment(organizationId, "organization"));
    }

    /** The base URL from {@value #BASE_URL_VARIABLE}, or {@value #DEFAULT_BASE_URL} when it is unset or blank. */
    public static String baseUrl(Map<String, String> environment) {
        return new EnvironmentSettings(environment).text(BASE_URL_VARIABLE, DEFAULT_BASE_URL);
    }

    public String campaignId() {
        return campaignId;
    }

    public String organizationId() {
        return organizationId;
    }

    /** The whole link, e.g. {@code http://127.0.0.1:8080/s/demo-2026-noko/irk-sosh-7}. */
    @Override
    public String toString() {
        return base + "/s/" + encode(campaignId) + "/" + encode(organizationId);
    }

    public URI toUri() {
        return URI.create(toString());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SurveyLink link && link.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static String checkedBase(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("адрес платформы '" + baseUrl + "' не является URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "адрес платформы '" + baseUrl + "' должен быть вида http(s)://хост[:порт][/путь], без ? и #");
        }
        return trimmed;
    }

    private static String segment(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("пустой идентификатор (" + what + ")");
        }
        // Browsers resolve "." and ".." (and their encoded forms) as steps in the path, not as names.
        if (id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException(
                    "идентификатор '" + id + "' нельзя сделать частью ссылки (" + what + ")");
        }
        return id;
    }

    static String encode(String segment) {
        StringBuilder encoded = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return encoded.toString();
    }
}
