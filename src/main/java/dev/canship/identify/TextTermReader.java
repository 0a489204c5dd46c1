package dev.canship.identify;

import dev.canship.identify.fingerprint.ExtractedTerms;
import dev.canship.identify.fingerprint.TermExtractor;

/**
 * Reads the terms a license text states (threshold, name prefix, attribution phrase, Notice sentence) and
 * lets them override the catalog's, so that a repository whose text says "7 billion" is checked against
 * 7 billion, and its own Notice sentence is the one quoted.
 */
public final class TextTermReader implements TermReader {

    @Override
    public LicenseTerms overlay(LicenseTerms t, String text) {
        ExtractedTerms x = TermExtractor.extract(text);
        LicenseTerms.Mau mau = t.mau();
        if (mau != null && x.mauThreshold() != null) {
            mau = mau.withThreshold(x.mauThreshold());
        }
        LicenseTerms.NamePrefix prefix = t.namePrefix();
        if (prefix != null && x.namePrefix() != null && !x.namePrefix().isBlank()) {
            prefix = new LicenseTerms.NamePrefix(x.namePrefix(), prefix.triggers(), prefix.requiresDistribution(), prefix.clause());
        }
        LicenseTerms.Attribution attribution = t.attribution();
        if (attribution != null && !x.attributionPhrases().isEmpty()) {
            attribution = new LicenseTerms.Attribution(x.attributionPhrases(), attribution.where(), attribution.triggers(), attribution.clause());
        }
        LicenseTerms.Notice notice = t.notice();
        if (notice != null && x.noticeSentence() != null && !x.noticeSentence().isBlank()) {
            // The repository's own sentence, as a template without placeholders.
            notice = new LicenseTerms.Notice(notice.file(), x.noticeSentence(), null, null, null, notice.exceptHosted(), notice.clause());
        }
        return new LicenseTerms(mau, prefix, attribution, notice, t.licenseCopy(), t.outputTraining(), t.nonCommercial(),
                t.passThrough(), t.territorial(), t.trademark(), t.hostingRestriction(), t.scaleGate(), t.guardrails());
    }
}
