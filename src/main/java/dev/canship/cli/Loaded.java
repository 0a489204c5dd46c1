package dev.canship.cli;

import dev.canship.identify.FingerprintTextMatcher;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.TextTermReader;
import dev.canship.identify.TermReader;
import dev.canship.identify.TextMatcher;
import dev.canship.inventory.ScanLimits;


/** The shared, loaded-once parts of a run: knowledge base, matcher, limits. */
final class Loaded {

    private Loaded() {
    }

    /**
     * Loads what a scan or check will need (knowledge base, fingerprints, and for a check the rule base) on the
     * second core while the first starts picocli and reads the command line: a single check is mostly
     * start-up, and these loads depend on nothing the user typed. A failure here is left for the main thread
     * to meet and report when it asks for the same thing itself.
     */
    static void preload(String[] args) {
        String command = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (!command.equals("check") && !command.equals("scan") && !command.equals("fit")) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                KnowledgeBase kb = KnowledgeBase.bundled();
                Trace.mark("knowledge base loaded");
                matcher(kb);
                Trace.mark("fingerprints loaded");
                if (command.equals("check")) {
                    dev.canship.rules.RuleEngine.loadBundled();
                    Trace.mark("rules loaded");
                }
            } catch (RuntimeException | Error e) {
                // Reported by the main thread, which loads again.
            }
        }, "canship-preload");
        t.setDaemon(true);
        t.start();
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
