package dev.canship.app;

import java.io.PrintStream;

/**
 * Stage timings on standard error when {@code CANSHIP_TRACE} is set: where a run's time goes, for
 * performance work. Silent otherwise, so it costs nothing in normal runs. Times count from {@code main}: the
 * JVM's own start-up before it (about 0.1 s) is not counted, since reading the JVM's uptime would load the
 * management beans, which cost more than the stages traced; {@code -Xlog:class+load} shows that part.
 */
public final class Trace {

    private static final boolean ON = System.getenv("CANSHIP_TRACE") != null;
    private static final PrintStream ERR = System.err;
    private static final long START = System.nanoTime();

    private Trace() {
    }

    /** Marks the end of a stage: milliseconds since {@code main} was entered. */
    public static void mark(String stage) {
        if (ON) {
            long ms = (System.nanoTime() - START) / 1_000_000;
            ERR.printf("canship-trace %5d ms  %s [%s]%n", ms, stage, Thread.currentThread().getName());
        }
    }
}
