package dev.canship.cli;

import java.io.InputStream;

/**
 * The standard input a run reads ({@code canship init} answers, {@code --deployment -}): {@link System#in}, or the
 * stream a test or an embedding program passes to {@link Main#run(String[], InputStream, java.io.PrintWriter, java.io.PrintWriter)}.
 * Per thread, so that tests running in parallel do not see each other's input.
 */
final class StandardInput {

    private static final ThreadLocal<InputStream> IN = new ThreadLocal<>();

    private StandardInput() {
    }

    static InputStream stream() {
        InputStream in = IN.get();
        return in == null ? System.in : in;
    }

    /** True when the input is the process's own and a person sits at it (no pipe, no file). */
    static boolean isTerminal() {
        return IN.get() == null && System.console() != null;
    }

    static void set(InputStream in) {
        if (in == null) {
            IN.remove();
        } else {
            IN.set(in);
        }
    }
}
