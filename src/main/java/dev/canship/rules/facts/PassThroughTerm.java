package dev.canship.rules.facts;

/** Use restrictions must be passed on to recipients and users as enforceable terms. */
public record PassThroughTerm(String license, String clause) {
}
