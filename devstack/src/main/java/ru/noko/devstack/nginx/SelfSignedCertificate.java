package ru.noko.devstack.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import ru.noko.devstack.process.ChildProcess;

/**
 * A certificate for 127.0.0.1 made by openssl, as docs/server/tls.md makes one for a server's first start, and the TLS
 * context of a client that trusts it alone.
 */
public record SelfSignedCertificate(Path certificate, Path key) {

    /** Makes the pair in {@code folder}: fullchain.pem and privkey.pem, valid for two days. */
    public static SelfSignedCertificate make(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SelfSignedCertificate pair =
                new SelfSignedCertificate(folder.resolve("fullchain.pem"), folder.resolve("privkey.pem"));
        ChildProcess.run(
                "openssl",
                List.of(
                        "/usr/bin/openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:prime256v1",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=127.0.0.1",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1",
                        "-keyout",
                        pair.key().toString(),
                        "-out",
                        pair.certificate().toString()),
                folder.resolve("openssl.log"),
                Duration.ofSeconds(30));
        return pair;
    }

    /** TLS that trusts this certificate and no other. */
    public SSLContext trustingIt() {
        try (InputStream pem = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(
                    "proxy", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + certificate, e);
        }
    }
}
