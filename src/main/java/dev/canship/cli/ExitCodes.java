package dev.canship.cli;

/** canship's documented exit codes. */
public final class ExitCodes {
    /** Nothing at or above {@code --fail-on}. */
    public static final int CLEAN = 0;
    /** Findings at or above {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** Bad input or usage. */
    public static final int BAD_INPUT = 2;
    /** A bug in canship. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
