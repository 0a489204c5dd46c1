package dev.canship.rules.facts;

/** A copy of the license must go with copies handed to others. */
public record LicenseCopyTerm(String license, String clause) {
}
