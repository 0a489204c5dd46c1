package dev.canship.extract.pickle;

/**
 * A serialized file that cannot be walked to its end: truncated, malformed, over a bound, or not a pickle where
 * one must be. The message is one line naming the file and the reason. A pickle that cannot be parsed is never
 * taken as safe: callers turn this into an error result, not a pass.
 */
public final class PickleFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String reason;

    public PickleFormatException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    /** The file as given to the reader. */
    public String file() {
        return file;
    }

    /** The reason alone, without the file name. */
    public String reason() {
        return reason;
    }
}
