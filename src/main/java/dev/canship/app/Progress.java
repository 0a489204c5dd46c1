package dev.canship.app;

/** Told as each repository of a batch is done, so a front end can show progress; called from worker threads. */
public interface Progress {

    /** Nothing shown. */
    Progress NONE = new Progress() {
        @Override
        public void done(int done, int total) {
        }
    };

    /** {@code done} of {@code total} repositories are finished. */
    void done(int done, int total);

    /** The batch is over (also when it was a single repository). */
    default void finished() {
    }
}
