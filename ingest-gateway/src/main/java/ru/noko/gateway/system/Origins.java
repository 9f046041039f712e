package ru.noko.gateway.system;

import java.net.URI;
import java.util.Locale;

/** The origin of an address as browsers write it in {@code Origin}: scheme, host and a port other than the default. */
public final class Origins {

    private Origins() {}

    public static String of(URI uri) {
        return of(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    /** As {@link #of(URI)}, from the parts; a bare IPv6 host is bracketed as in a URI. */
    public static String of(String scheme, String host, int port) {
        scheme = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
