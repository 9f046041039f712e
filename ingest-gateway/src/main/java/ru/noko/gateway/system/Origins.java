package ru.noko.gateway.system;

import java.net.URI;
import java.util.Locale;

/** The origin of an address as browsers write it in {@code Origin}: scheme, host and a port other than the default. */
public final class Origins {

    private Origins() {}

    public static String of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
