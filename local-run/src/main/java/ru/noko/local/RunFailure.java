package ru.noko.local;

/**
 * Why the local run cannot go on, in words a person reads on the console: printed as one {@code noko: ...} line,
 * never with a stack trace. Details stay in the logs the message names.
 */
final class RunFailure extends RuntimeException {

    RunFailure(String message) {
        super(message, null, false, false);
    }
}
