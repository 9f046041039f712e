package ru.noko.schemas.response;

/** The bytes on the topic are not a survey response this version of the code can read. */
public final class UndecodableResponseException extends RuntimeException {
    public UndecodableResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
