package dev.canship.finding;

/**
 * Where a finding is grounded: a file relative to the scanned repository (or the deployment file),
 * and a 1-based line, 0 when the line is not known.
 */
public record Evidence(String file, int line) implements Comparable<Evidence> {

    public Evidence {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("evidence needs a file");
        }
        line = Math.max(0, line);
    }

    public static Evidence of(String file) {
        return new Evidence(file, 0);
    }

    @Override
    public int compareTo(Evidence o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Integer.compare(line, o.line);
    }
}
