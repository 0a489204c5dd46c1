package dev.canship.extract.pickle;

import dev.canship.extract.FileFormatException;

/**
 * A serialized file that cannot be walked to its end: truncated, malformed, over a bound, or not a pickle where
 * one must be. A pickle that cannot be parsed is never taken as safe: callers turn this into an error result,
 * not a pass.
 */
public final class PickleFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    public PickleFormatException(String file, String reason) {
        super(file, reason, null);
    }
}
