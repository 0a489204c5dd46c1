package dev.canship.extract;

/**
 * A file inside a repository that cannot be read as its format says: truncated, lying about its own lengths,
 * malformed, over a safety bound. The message is one line naming the file and the reason, fit to show a user as
 * is; the subclasses say which reader refused it.
 */
public abstract class FileFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String reason;

    protected FileFormatException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file as given to the reader (usually the base name). */
    public String file() {
        return file;
    }

    /** The reason alone, without the file name. */
    public String reason() {
        return reason;
    }
}
