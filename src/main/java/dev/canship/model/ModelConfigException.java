package dev.canship.model;

/** A config.json that cannot be read as JSON; the message is one line naming the file and the reason. */
public final class ModelConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
