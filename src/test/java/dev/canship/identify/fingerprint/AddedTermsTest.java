package dev.canship.identify.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A license file that holds a known text plus terms of its own is not the known text: the words outside every
 * reference found are reported as an ADDED alteration (so MIT with an extra paragraph is altered MIT, never plain
 * MIT), while a title, preface or copyright line around a faithful copy is not.
 */
class AddedTermsTest {

    /** An invented restrictive paragraph (not from any license). */
    private static final String EXTRA = "\n\nAdditional condition: the Software may not be used in any product with more than "
            + "ten thousand daily users unless the owner of the product pays a yearly fee to the author and shows the "
            + "author's logo on its start page.\n";

    private static String corpus(String folderFile) throws IOException {
        return Files.readString(Corpus.licenses().resolve(folderFile), StandardCharsets.UTF_8);
    }

    /** A matcher that knows every committed fingerprint except those whose id contains {@code part}. */
    private static FingerprintMatcher without(String part) {
        return new FingerprintMatcher(Corpus.matcher().fingerprints().stream().filter(f -> !f.id().contains(part)).toList());
    }

    private static void assertAdded(FingerprintMatch m, String phrase) {
        assertThat(m.altered()).as("%s must be altered", m.key()).isTrue();
        assertThat(m.alterations()).filteredOn(a -> a.kind() == Alteration.Kind.ADDED)
                .singleElement().satisfies(a -> assertThat(a.found()).contains(phrase));
    }

    @Test
    void mitWithAnInventedParagraphIsAlteredMit() throws IOException {
        String text = corpus("mit/LICENSE-CODE") + EXTRA;
        List<FingerprintMatch> found = Corpus.matcher().matchFile(text);
        assertThat(found).extracting(FingerprintMatch::id).containsExactly("mit");
        assertAdded(found.get(0), "yearly fee to the author");
        // The same text read as a card field (surrounded by other prose) keeps the old, span-only judgement.
        assertThat(Corpus.matcher().match(text).get(0).altered()).isFalse();
    }

    @Test
    void mitWithAParagraphBeforeItIsAlteredMit() throws IOException {
        String text = "Use of this model is subject to the following terms, which take precedence over the text below: "
                + "no use by any public authority." + "\n\n" + corpus("mit/LICENSE-CODE");
        List<FingerprintMatch> found = Corpus.matcher().matchFile(text);
        assertThat(found).extracting(FingerprintMatch::id).containsExactly("mit");
        assertAdded(found.get(0), "public authority");
    }

    /** Short words before a known text that narrow its use are terms, however few: never tolerated as a title. */
    @Test
    void aShortRestrictivePrefaceOrCopyrightLineIsAddedTerms() throws IOException {
        for (String preface : List.of("This model may be used for non-commercial research purposes only.",
                "Copyright (c) 2024 Acme Corp. For non-commercial use only.", "# Llama 3.1 license (research use only)")) {
            List<FingerprintMatch> found = Corpus.matcher().matchFile(preface + "\n\n" + corpus("llama3.1/LICENSE"));
            assertThat(found).extracting(FingerprintMatch::id).as(preface).containsExactly("llama3.1");
            assertThat(found.get(0).alterations()).as(preface).filteredOn(a -> a.kind() == Alteration.Kind.ADDED)
                    .singleElement().satisfies(a -> assertThat(a.preface()).as("binds: not a harmless preface").isFalse());
        }
    }

    /** A longer note that binds nothing (where the copy comes from) is a preface: named, flagged as harmless. */
    @Test
    void aLongPrefaceThatBindsNothingIsAHarmlessPreface() throws IOException {
        String note = "This is a copy of the Llama 3.1 license as published by Meta. We redistribute it unchanged with these weights.";
        List<FingerprintMatch> found = Corpus.matcher().matchFile(note + "\n\n" + corpus("llama3.1/LICENSE"));
        assertThat(found).extracting(FingerprintMatch::id).containsExactly("llama3.1");
        assertThat(found.get(0).alterations()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alteration.Kind.ADDED);
            assertThat(a.preface()).isTrue();
        });
        // A link that happens to contain a use word ("prohibited" in its path) is not a term.
        found = Corpus.matcher().matchFile("For the original copy, see https://example.com/prohibited_use_policy\n\n" + corpus("llama3.1/LICENSE"));
        assertThat(found.get(0).altered()).isFalse();
    }

    /** Prose before a text that is not a note about the copy is terms added to it, even without a listed word. */
    @Test
    void aLongPrefaceThatIsNoNoteAboutTheCopyIsAddedTerms() throws IOException {
        String preface = "These weights are offered by Acme Labs to the community. Businesses need a separate paid agreement with Acme Labs; "
                + "write to sales at acme before deploying them anywhere.";
        List<FingerprintMatch> found = Corpus.matcher().matchFile(preface + "\n\n" + corpus("apache-2.0/LICENSE"));
        assertThat(found.get(0).alterations()).filteredOn(a -> a.kind() == Alteration.Kind.ADDED)
                .singleElement().satisfies(a -> assertThat(a.preface()).isFalse());
    }

    /** A holder's name on a copyright line is no term ("Nous Research"); a sentence after the notice can be. */
    @Test
    void aCopyrightHolderNamedResearchIsNoTerm() throws IOException {
        List<FingerprintMatch> found = Corpus.matcher().matchFile("Copyright (c) 2024 Nous Research\n\n" + corpus("mit/LICENSE-CODE"));
        assertThat(found.get(0).altered()).isFalse();
        found = Corpus.matcher().matchFile(corpus("apache-2.0/LICENSE") + "\n\nCopyright 2024 Personal AI Research Inc.\n");
        assertThat(found.get(0).altered()).isFalse();
    }

    /** Round two of review: terms hidden in a copyright line, in look-alike letters, or after a note about the copy. */
    @Test
    void termsHiddenInCopyrightLinesLookAlikesOrACopyNoteAreAddedTerms() throws IOException {
        for (String preface : List.of("Copyright (c) 2024 Acme AI, for non-commercial use only",
                "Copyright 2024 Acme AI. Use of these weights is limited to individuals.",
                "N\u043En-c\u043Emmercial use.", "Non-com\u00ADmercial use.",
                "This is a verbatim copy of the license. The weights are to be used inside the offices of Acme and nowhere else.")) {
            List<FingerprintMatch> found = Corpus.matcher().matchFile(preface + "\n\n" + corpus("apache-2.0/LICENSE"));
            assertThat(found.get(0).alterations()).as(preface).filteredOn(a -> a.kind() == Alteration.Kind.ADDED)
                    .isNotEmpty().allSatisfy(a -> assertThat(a.preface()).as(preface).isFalse());
        }
        // MIT's own copyright line is a variable part of the text; terms written into it are still added terms.
        String mit = corpus("mit/LICENSE-CODE");
        String line = mit.lines().filter(l -> l.startsWith("Copyright")).findFirst().orElseThrow();
        List<FingerprintMatch> found = Corpus.matcher().matchFile(mit.replace(line, line + ", licensed for non-commercial use only"));
        assertThat(found.get(0).alterations()).filteredOn(a -> a.kind() == Alteration.Kind.ADDED).isNotEmpty();
    }

    /** A copy note that names the license is one preface, not title words with stray words around them. */
    @Test
    void aCopyNoteNamingTheLicenseIsOnePreface() throws IOException {
        String text = corpus("llama3.1/LICENSE");
        List<FingerprintMatch> found = Corpus.matcher().matchFile(
                "This is a copy of the Llama 3.1 Community License Agreement, unchanged, as published by Meta.\n\n" + text);
        assertThat(found.get(0).alterations()).allSatisfy(a -> assertThat(a.preface() || a.kind() != Alteration.Kind.ADDED).isTrue());
        found = Corpus.matcher().matchFile("This is a copy of the Llama 3.1 Community License Agreement, for non-commercial use only.\n\n" + text);
        assertThat(found.get(0).alterations()).filteredOn(a -> a.kind() == Alteration.Kind.ADDED).isNotEmpty()
                .allSatisfy(a -> assertThat(a.preface()).isFalse());
    }

    /** A short pointer after the text that binds nothing is minor, not terms. */
    @Test
    void aShortPointerAfterTheTextIsMinor() throws IOException {
        List<FingerprintMatch> found = Corpus.matcher().matchFile(corpus("llama3.1/LICENSE") + "\n\n# Llama 3.1 Acceptable Use Policy\n\nSee USE_POLICY.md\n");
        assertThat(found.get(0).alterations()).singleElement().satisfies(a -> assertThat(a.preface()).isTrue());
    }

    @Test
    void apacheWithAnInventedParagraphIsAlteredApache() throws IOException {
        String text = corpus("apache-2.0/LICENSE") + EXTRA;
        List<FingerprintMatch> found = Corpus.matcher().matchFile(text);
        assertThat(found).extracting(FingerprintMatch::id).containsExactly("apache-2.0");
        assertAdded(found.get(0), "daily users");
    }

    @Test
    void kimiK2ModifiedMitIsNeverPlainMitWhenCanshipDoesNotKnowIt() throws IOException {
        String text = corpus("kimi-modified-mit/Kimi-K2-LICENSE");
        // Without any modified-MIT reference, the file is MIT with an added paragraph.
        List<FingerprintMatch> found = without("modified-mit").matchFile(text);
        assertThat(found).extracting(FingerprintMatch::id).containsExactly("mit");
        assertAdded(found.get(0), "monthly active users");
        // Knowing another publisher's modified MIT, the file is that text altered, never plain MIT.
        found = without("kimi-modified-mit").matchFile(text);
        assertThat(found).isNotEmpty().allSatisfy(m -> assertThat(m.altered()).as(m.key()).isTrue());
    }

    @Test
    void aTitleAndCopyrightLinesAroundMitAreNotAdditions() throws IOException {
        String text = "Example Model License\n\nCopyright (c) 2026 Example Labs\nCopyright (c) 2025 Other Contributors\n\n"
                + corpus("mit/LICENSE-CODE") + "\n\nCopyright 2026 Example Labs\n";
        List<FingerprintMatch> found = Corpus.matcher().matchFile(text);
        assertThat(found).extracting(FingerprintMatch::id).containsExactly("mit");
        assertThat(found.get(0).alterations()).isEmpty();
    }

    @Test
    void aFilledInApacheAppendixIsNotAnAddition() throws IOException {
        String text = corpus("apache-2.0/LICENSE").replace("[yyyy] [name of copyright owner]", "2026 Example Labs, Inc.");
        List<FingerprintMatch> found = Corpus.matcher().matchFile(text);
        assertThat(found).extracting(FingerprintMatch::id).containsExactly("apache-2.0");
        assertThat(found.get(0).altered()).isFalse();
    }

    /** Every corpus text, read as a whole license file, is its own reference with nothing added. */
    @TestFactory
    Stream<DynamicTest> noCorpusTextHasAdditionsAsAFile() {
        FingerprintMatcher matcher = Corpus.matcher();
        return Corpus.docs().stream().map(d -> dynamicTest(d.name(), () -> {
            List<FingerprintMatch> found = matcher.matchFile(d.text());
            assertThat(found).as(d.name()).isNotEmpty();
            assertThat(found.get(0).key()).as(d.name()).isEqualTo(d.expectedKey());
            assertThat(found.get(0).alterations()).as(d.name()).isEmpty();
        }));
    }
}
