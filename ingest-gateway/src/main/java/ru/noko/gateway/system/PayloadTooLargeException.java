package ru.noko.gateway.system;

import java.io.IOException;

/** The body turned out larger than the limit while it was being read (no Content-Length was sent). */
public final class PayloadTooLargeException extends IOException {
    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
