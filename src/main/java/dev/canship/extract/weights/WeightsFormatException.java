package dev.canship.extract.weights;

import dev.canship.extract.FileFormatException;

/** A weight file, index or header that cannot be trusted: truncated, lying about its own lengths, wrong magic, over a safety bound. */
public final class WeightsFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    public WeightsFormatException(String file, String reason) {
        super(file, reason, null);
    }

    public WeightsFormatException(String file, String reason, Throwable cause) {
        super(file, reason, cause);
    }
}
