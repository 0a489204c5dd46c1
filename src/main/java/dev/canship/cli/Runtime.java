package dev.canship.cli;

import dev.canship.identify.FingerprintTextMatcher;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.TextTermReader;
import dev.canship.identify.TermReader;
import dev.canship.identify.TextMatcher;
import dev.canship.inventory.ScanLimits;


/** The shared, loaded-once parts of a run: knowledge base, matcher, limits. */
final class Runtime {

    private Runtime() {
    }

    static Pipeline pipeline(ScanLimits limits) {
        KnowledgeBase kb = KnowledgeBase.bundled();
        return new Pipeline(limits, kb, matcher(kb), termReader());
    }

    static TextMatcher matcher(KnowledgeBase kb) {
        return FingerprintTextMatcher.bundled(kb);
    }

    static TermReader termReader() {
        return new TextTermReader();
    }
}
