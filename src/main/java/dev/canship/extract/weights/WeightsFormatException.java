package dev.canship.extract.weights;

/**
 * A weight file, index or header that cannot be trusted: truncated, lying about its own lengths, wrong magic,
 * over a safety bound. The message is one line naming the file and the reason, fit to show a user as is.
 */
public final class WeightsFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String reason;

    public WeightsFormatException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public WeightsFormatException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file name as given to the reader (usually the base name). */
    public String file() {
        return file;
    }

    /** The reason alone, without the file name. */
    public String reason() {
        return reason;
    }
}
