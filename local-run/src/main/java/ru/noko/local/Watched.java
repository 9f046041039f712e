package ru.noko.local;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A part of the local run that {@link ServiceWatch} looks at every second. */
interface Watched {

    /**
     * Looks once, says what went wrong and what it does about it in one line each, and brings the part back where it
     * can.
     *
     * @param say prints one line on the run's console
     * @param stopping whether the run is stopping (Ctrl-C): then parts end on purpose and nothing may be started
     * @throws RunFailure when the part cannot be brought back and the run must stop
     */
    void check(Consumer<String> say, BooleanSupplier stopping);
}
