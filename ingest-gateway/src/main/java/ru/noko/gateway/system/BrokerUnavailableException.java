package ru.noko.gateway.system;

/** Kafka did not acknowledge a response in time: it is not stored, and the respondent must send it again. */
public final class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
