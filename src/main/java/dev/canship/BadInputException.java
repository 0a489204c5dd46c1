package dev.canship;

/**
 * Input that canship cannot work with as a whole: a path that does not exist, a malformed deployment
 * description, an unknown id. The message is one line naming what, where and why; the CLI prints it and
 * exits with code 2.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
