package dev.canship.identify;

import java.util.List;

/**
 * Reads the key terms (threshold, name prefix, attribution phrase) a repository's own copy of a license
 * states and compares them with the publisher's. The copy is evidence of which license applies; its duties
 * always come from the publisher's version, so a difference is reported as an alteration, never obeyed.
 */
public interface TermReader {

    /**
     * The terms the copy states differently from the publisher's version, each as one alteration that quotes
     * the copy and names the publisher's value and clause. Empty when the copy agrees or states none of them.
     */
    List<LicenseMatch.Alteration> differences(LicenseTerms publisher, String text);
}
