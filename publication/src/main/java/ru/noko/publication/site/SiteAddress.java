package ru.noko.publication.site;

import java.net.URI;

/**
 * Where the published results are reached ({@code NOKO_RESULTS_URL}, e.g. {@code https://noko.example.ru/results}),
 * and the address of every file under it. Pages link by path from the site's root, so a page reads the same wherever
 * its copy lies (the campaign's own, or an organization's stable copy); QR codes and the snippet for a school's site
 * carry the full address.
 */
public record SiteAddress(String url) {

    public SiteAddress {
        url = url == null ? "" : url.strip().replaceAll("/+$", "");
        URI parsed = URI.create(url.isEmpty() ? "/results" : url);
        if (!url.isEmpty() && (parsed.getScheme() == null || parsed.getHost() == null)) {
            throw new IllegalArgumentException(
                    "адрес опубликованных результатов '" + url + "' должен быть полным: https://хост/путь");
        }
    }

    /** The path the results lie under, {@code /results} by default. */
    public String path() {
        String path = url.isEmpty() ? "/results" : URI.create(url).getPath();
        return path == null || path.isEmpty() ? "" : path;
    }

    /** The full address of a file, for QR codes and other sites; a path alone where no URL is configured. */
    public String absolute(String file) {
        return (url.isEmpty() ? path() : url) + "/" + file;
    }

    public String relative(String file) {
        return path() + "/" + file;
    }

    public static String campaignPage(String campaign) {
        return campaign + "/index.html";
    }

    public static String municipalityPage(String campaign, String slug) {
        return campaign + "/m/" + slug + ".html";
    }

    public static String organizationPage(String campaign, String organization) {
        return campaign + "/o/" + organization + ".html";
    }

    public static String badge(String campaign, String organization) {
        return campaign + "/o/" + organization + ".svg";
    }

    public static String qr(String campaign, String organization) {
        return campaign + "/o/" + organization + "-qr.svg";
    }

    /** The organization's page that does not change with the campaign: the last published one's copy. */
    public static String stablePage(String organization) {
        return "o/" + organization + ".html";
    }

    public static String stableBadge(String organization) {
        return "o/" + organization + ".svg";
    }

    public static String stableQr(String organization) {
        return "o/" + organization + "-qr.svg";
    }
}
