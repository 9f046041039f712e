package ru.noko.gateway.system;

/**
 * Kafka did not acknowledge a response in time, or is known to be down and the response was not sent at all: it is
 * not stored, and the respondent must send it again.
 */
public final class BrokerUnavailableException extends RuntimeException {

    private final boolean knownDown;

    public BrokerUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private BrokerUnavailableException(String message, Throwable cause, boolean knownDown) {
        super(message, cause);
        this.knownDown = knownDown;
    }

    /** Not sent: Kafka is known to be down ({@link KafkaState}), so the response is refused at once. */
    public static BrokerUnavailableException whileDown() {
        return new BrokerUnavailableException("Kafka is known to be down: the response was not sent", null, true);
    }

    /** Whether the response was refused before it was sent, because Kafka is known to be down. */
    public boolean knownDown() {
        return knownDown;
    }
}
