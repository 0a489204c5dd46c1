package dev.canship.inventory;

/**
 * A file that could not be read as expected: one line naming the file and the reason. Diagnostics never
 * stop a scan; they are reported beside the findings so that nothing is silently skipped.
 */
public record Diagnostic(String file, String message) implements Comparable<Diagnostic> {

    /** Both parts are kept to one printable line, whatever the file was named or the reason said. */
    public Diagnostic {
        file = OneLine.of(file);
        message = OneLine.of(message);
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return file + ": " + message;
    }
}
