package dev.canship.cli;

import dev.canship.app.Progress;

import java.io.PrintWriter;

/**
 * The batch progress bar on standard error, drawn only when that is an interactive terminal: pipelines,
 * redirected output and CI logs never see it.
 */
final class ProgressBar implements Progress {

    private final PrintWriter err;

    private ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /** A bar on {@code err} when it is a terminal, else nothing. */
    static Progress on(PrintWriter err) {
        return terminal() ? new ProgressBar(err) : Progress.NONE;
    }

    @Override
    public void done(int done, int total) {
        if (total < 2) {
            return;
        }
        synchronized (err) {
            err.print("\r" + bar(done, total));
            err.flush();
        }
    }

    @Override
    public void finished() {
        synchronized (err) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
    }

    static String bar(int done, int total) {
        int width = 30;
        int filled = (int) ((long) done * width / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " repositories";
    }

    /** True when standard error is an interactive terminal (not a pipe, file or CI log). */
    static boolean terminal() {
        return System.console() != null && System.getenv("CI") == null;
    }
}
