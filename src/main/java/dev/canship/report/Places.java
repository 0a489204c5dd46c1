package dev.canship.report;

/**
 * Where a finding or a diagnostic is, in words for people. Evidence about the whole repository (no license anywhere,
 * a folder too deep to walk) carries the machine value {@code "."}, which JSON and SARIF keep as it is; a reviewer
 * reading "at: ." would look for a file called dot.
 */
final class Places {

    /** The machine value of evidence that concerns the repository as a whole. */
    static final String WHOLE_REPOSITORY = ".";
    /** What people read instead. */
    static final String WHOLE_REPOSITORY_WORDS = "the repository (no single file)";

    private Places() {
    }

    /** {@code file:line}, {@code file}, or the words for the whole repository. */
    static String human(String file, int line) {
        if (WHOLE_REPOSITORY.equals(file)) {
            return WHOLE_REPOSITORY_WORDS;
        }
        return line > 0 ? file + ":" + line : file;
    }

    /** True when {@code file} is the machine value for the whole repository. */
    static boolean wholeRepository(String file) {
        return WHOLE_REPOSITORY.equals(file);
    }
}
