package dev.canship.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * Stage timings on standard error when {@code CANSHIP_TRACE} is set: where a run's time goes, for
 * performance work. Silent otherwise, so it costs nothing in normal runs.
 */
final class Trace {

    private static final boolean ON = System.getenv("CANSHIP_TRACE") != null;
    private static final PrintStream ERR = System.err;

    private Trace() {
    }

    /** Marks the end of a stage: milliseconds since the JVM started. */
    static void mark(String stage) {
        if (ON) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            ERR.printf("canship-trace %5d ms  %s [%s]%n", uptime, stage, Thread.currentThread().getName());
        }
    }
}
