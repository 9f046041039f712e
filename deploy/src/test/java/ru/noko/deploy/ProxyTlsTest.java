package ru.noko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The proxy's TLS as docker-compose.yml wires it to deploy/nginx/nginx.conf: the certificate and key nginx reads are
 * the host files .env names, which compose requires; every port nginx serves is published; the ACME client's folder
 * is where nginx serves the challenges from. (NginxInFrontTest runs the same nginx.conf with a certificate in front of
 * a real gateway.)
 */
class ProxyTlsTest {

    private static final String NGINX = "deploy/nginx/nginx.conf";

    private final ComposeFile compose = ComposeFile.load();
    private final String nginx = Repository.text(NGINX);

    @Test
    void theCertificateAndKeyNginxReadsAreTheFilesEnvNames() {
        for (var file : List.of(
                new String[] {"ssl_certificate", "TLS_CERTIFICATE"},
                new String[] {"ssl_certificate_key", "TLS_CERTIFICATE_KEY"})) {
            Matcher path = Pattern.compile("(?m)^\\s*" + file[0] + " (\\S+);").matcher(nginx);
            assertThat(path.find()).as(NGINX + " " + file[0]).isTrue();
            JsonNode mount = bindMountTo(path.group(1));
            assertThat(mount.path("read_only").asBoolean()).isTrue();
            assertThat(mount.path("bind").path("create_host_path").asBoolean(true))
                    .as("a missing file stops the start instead of becoming an empty folder")
                    .isFalse();
            assertThat(Interpolation.references(mount.path("source").asText()))
                    .singleElement()
                    .satisfies(reference -> {
                        assertThat(reference.name()).isEqualTo(file[1]);
                        assertThat(reference.required()).isTrue();
                    });
        }
    }

    @Test
    void everyPortNginxListensOnIsPublishedAndOnlyPort80SpeaksPlainHttp() {
        Matcher listen = Pattern.compile("(?m)^\\s*listen (\\d+)( ssl)?;").matcher(nginx);
        List<Integer> ports = new ArrayList<>();
        while (listen.find()) {
            int port = Integer.parseInt(listen.group(1));
            ports.add(port);
            assertThat(listen.group(2) != null)
                    .as("port " + port + " speaks TLS")
                    .isEqualTo(port != 80);
        }
        assertThat(ports).contains(80, 443);
        assertThat(compose.publishedContainerPorts("proxy")).containsExactlyInAnyOrderElementsOf(ports);
    }

    @Test
    void theAcmeClientsFolderIsWhereNginxServesTheChallengesFrom() {
        Matcher root = Pattern.compile("acme-challenge[^{]*\\{\\s*root (\\S+);").matcher(nginx);
        assertThat(root.find())
                .as(NGINX + " serves the ACME challenges from a folder")
                .isTrue();
        assertThat(compose.service("proxy").path("volumes").toString())
                .contains("${ACME_WEBROOT:-/srv/noko/acme}:" + root.group(1) + ":ro");
    }

    private JsonNode bindMountTo(String target) {
        for (JsonNode volume : compose.service("proxy").path("volumes")) {
            if (volume.path("type").asText().equals("bind")
                    && volume.path("target").asText().equals(target)) {
                return volume;
            }
        }
        throw new AssertionError("the proxy mounts nothing at " + target);
    }
}
