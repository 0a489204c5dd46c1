package dev.canship.extract;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.ScanLimits;

import java.util.ArrayList;
import java.util.List;

/**
 * Property: a model card's front matter, whatever it holds, yields a card (maybe without front matter) and one-line
 * diagnostics; the reader never throws and never expands YAML aliases or nests without bound.
 */
class CardReaderFuzzTest {

    private static final CardReader READER = new CardReader(ScanLimits.DEFAULTS.with(ScanLimits.Limit.MAX_TEXT_BYTES, 1 << 20));

    @FuzzTest(maxDuration = "10m")
    void frontMatter(FuzzedDataProvider data) {
        String text = "---\n" + data.consumeRemainingAsString();
        List<Diagnostic> diagnostics = new ArrayList<>();
        ModelCard card = READER.read("README.md", text, diagnostics);
        if (card == null || card.frontMatter() == null) {
            throw new AssertionError("no card");
        }
        for (Diagnostic d : diagnostics) {
            if (d.toString().contains("\n")) {
                throw new AssertionError("a diagnostic spans lines: " + d);
            }
        }
    }
}
