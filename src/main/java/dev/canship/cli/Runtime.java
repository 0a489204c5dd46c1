package dev.canship.cli;

import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.TermReader;
import dev.canship.identify.TextMatcher;
import dev.canship.inventory.ScanLimits;

import java.util.List;

/** The shared, loaded-once parts of a run: knowledge base, matcher, limits. */
final class Runtime {

    private Runtime() {
    }

    static Pipeline pipeline(ScanLimits limits) {
        KnowledgeBase kb = KnowledgeBase.bundled();
        return new Pipeline(limits, kb, matcher(kb), termReader());
    }

    static TextMatcher matcher(KnowledgeBase kb) {
        return text -> List.of();
    }

    static TermReader termReader() {
        return (terms, text) -> terms;
    }
}
