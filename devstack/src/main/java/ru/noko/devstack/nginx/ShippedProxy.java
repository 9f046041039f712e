package ru.noko.devstack.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.noko.devstack.process.ChildProcess;

/**
 * The server deployment's proxy configuration (deploy/nginx/nginx.conf) run by Debian's nginx on this machine. Only what
 * a server has and this machine has not is changed: the containers' names become loopback addresses, nginx listens on
 * the given loopback ports, the certificate, the ACME folder and the results folder are local files, and the gateways'
 * {@code resolve} parameter goes (Debian's nginx 1.22 predates it; the image's 1.28 has it).
 */
public final class ShippedProxy {

    public static final Path SHIPPED = Path.of("deploy/nginx/nginx.conf");

    private static final Pattern GATEWAY_SERVER = Pattern.compile("(?m)^(\\s*)server gateway-(\\d+):8080([^;]*);");

    /**
     * Where everything the shipped file names is on this machine.
     *
     * @param gateways the gateways' ports, in the order of gateway-1, gateway-2, …
     * @param portal the portal's address (host:port), or one nobody answers on
     * @param grafana Grafana's address (host:port), or one nobody answers on
     */
    public record Addresses(
            List<Integer> gateways,
            int http,
            int https,
            int portalHttps,
            int grafanaHttps,
            String portal,
            String grafana,
            SelfSignedCertificate certificate,
            Path acme,
            Path results) {

        List<Integer> listening() {
            return List.of(http, https, portalHttps, grafanaHttps);
        }
    }

    private ShippedProxy() {}

    /** The shipped configuration with this machine's addresses in place. */
    public static String onLoopback(String shipped, Addresses at) {
        Matcher servers = GATEWAY_SERVER.matcher(shipped);
        StringBuilder converted = new StringBuilder();
        int gateways = 0;
        while (servers.find()) {
            int number = Integer.parseInt(servers.group(2));
            if (number > at.gateways().size()) {
                throw new IllegalArgumentException("no port given for gateway-" + number);
            }
            String parameters = servers.group(3).replace(" resolve", "");
            servers.appendReplacement(
                    converted,
                    Matcher.quoteReplacement(servers.group(1) + "server 127.0.0.1:"
                            + at.gateways().get(number - 1) + parameters + ";"));
            gateways++;
        }
        servers.appendTail(converted);
        if (gateways != at.gateways().size()) {
            throw new IllegalArgumentException(SHIPPED + " names " + gateways + " gateways, "
                    + at.gateways().size() + " were given");
        }
        return replace(
                converted.toString(),
                "listen 80;",
                "listen 127.0.0.1:" + at.http() + ";",
                "listen 443 ssl;",
                "listen 127.0.0.1:" + at.https() + " ssl;",
                "listen 8443 ssl;",
                "listen 127.0.0.1:" + at.portalHttps() + " ssl;",
                "listen 3000 ssl;",
                "listen 127.0.0.1:" + at.grafanaHttps() + " ssl;",
                "/etc/nginx/tls/fullchain.pem",
                at.certificate().certificate().toString(),
                "/etc/nginx/tls/privkey.pem",
                at.certificate().key().toString(),
                "root /var/www/acme;",
                "root " + at.acme() + ";",
                "alias /srv/noko/results/;",
                "alias " + at.results() + "/;",
                "return 301 https://$host$request_uri;",
                "return 301 https://$host:" + at.https() + "$request_uri;",
                "http://portal:8090",
                "http://" + at.portal(),
                "http://grafana:3000",
                "http://" + at.grafana());
    }

    /** Starts nginx with this configuration, its files in {@code folder}, and waits until every port listens. */
    public static ChildProcess start(Path folder, String config, Addresses at) {
        try {
            Files.createDirectories(folder);
            Files.createDirectories(at.acme());
            Files.createDirectories(at.results());
            Path file = folder.resolve("nginx.conf");
            Files.writeString(file, config);
            ChildProcess nginx = ChildProcess.start(
                    "nginx",
                    List.of(
                            "/usr/sbin/nginx",
                            "-p",
                            folder.toString(),
                            "-c",
                            file.toString(),
                            "-e",
                            folder.resolve("error.log").toString(),
                            "-g",
                            "daemon off; pid " + folder.resolve("nginx.pid") + "; user "
                                    + System.getProperty("user.name") + ";"),
                    folder.resolve("stdout.log"));
            nginx.awaitReady(
                    Duration.ofSeconds(20),
                    () -> at.listening().stream().allMatch(port -> ChildProcess.listening(port, 200)));
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx in " + folder, e);
        }
    }

    /** Replaces each text (which must be there) with the one after it. */
    private static String replace(String config, String... pairs) {
        String result = config;
        for (int i = 0; i < pairs.length; i += 2) {
            if (!result.contains(pairs[i])) {
                throw new IllegalArgumentException(SHIPPED + " has no '" + pairs[i] + "' any more");
            }
            result = result.replace(pairs[i], pairs[i + 1]);
        }
        return result;
    }
}
