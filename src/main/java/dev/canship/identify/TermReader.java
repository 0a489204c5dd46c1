package dev.canship.identify;

/**
 * Reads terms (thresholds, prefixes, phrases, Notice sentences) from the repository's own license text,
 * so that a changed number drives the rules instead of the catalog's number.
 */
public interface TermReader {

    /** The catalog's terms with every term the text states replaced by the text's value. */
    LicenseTerms overlay(LicenseTerms catalog, String text);
}
