package ru.noko.gateway.system;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** A request's whole body as bytes, for the routes that read small bodies (a response, a form, a code request). */
public final class RequestBodies {

    private static final byte[] EMPTY = new byte[0];

    private RequestBodies() {}

    /**
     * The body, empty when there is none; fails with {@link DataBufferLimitException} once more than {@code maxBytes}
     * arrived (a chunked body is counted while it is read), so nothing larger is held in memory.
     */
    public static Mono<byte[]> read(ServerRequest request, long maxBytes) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), Math.toIntExact(maxBytes))
                .map(RequestBodies::bytes)
                .defaultIfEmpty(EMPTY);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
