package dev.canship.rules.facts;

/** The Notice file with {@code sentence} must go with copies handed to others. */
public record NoticeTerm(String license, String file, String sentence, boolean exceptHosted, String clause) {
}
