package dev.canship.identify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;

/**
 * One license of the knowledge base ({@code licenses/catalog/<id>.yaml}): who publishes it, how model cards
 * name it, and its terms as structured data with clause references. Summaries are canship's own words.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LicenseInfo(
        String id,
        String title,
        String family,
        String version,
        String publisher,
        LocalDate released,
        String source,
        String spdx,
        List<String> hfTags,
        List<String> licenseNames,
        List<String> linkPatterns,
        List<String> usualFiles,
        String governingLaw,
        String commercialUse,
        String usePolicy,
        String summary,
        List<Obligation> obligations,
        LicenseTerms terms,
        List<DocumentRef> documents,
        List<String> notes) {

    public LicenseInfo {
        hfTags = hfTags == null ? List.of() : List.copyOf(hfTags);
        licenseNames = licenseNames == null ? List.of() : List.copyOf(licenseNames);
        linkPatterns = linkPatterns == null ? List.of() : List.copyOf(linkPatterns);
        usualFiles = usualFiles == null ? List.of() : List.copyOf(usualFiles);
        obligations = obligations == null ? List.of() : List.copyOf(obligations);
        documents = documents == null ? List.of() : List.copyOf(documents);
        terms = terms == null ? LicenseTerms.NONE : terms;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A duty or right in plain words, as {@code canship licenses show} prints it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Obligation(String clause, String title, String text) {
    }

    /** A text canship holds a fingerprint of. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DocumentRef(String kind, String version, String fingerprint, String corpus) {
    }
}
