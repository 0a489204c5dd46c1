package dev.canship.identify.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private static List<String> tokens(String s) {
        return TextNormalizer.normalize(s).tokens();
    }

    @Test
    void lineReflowDoesNotChangeTokens() {
        String a = "The quick brown fox jumps over\nthe lazy dog near the river bank.\n\nA second paragraph follows here.";
        String b = "The quick brown fox jumps over the lazy dog near the river bank.   A second\nparagraph\nfollows here.";
        assertThat(tokens(a.replace("\n", "\r\n"))).isEqualTo(tokens(a));
        assertThat(tokens(a)).isEqualTo(tokens(b))
                .containsExactly("the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "near", "the", "river",
                        "bank", "a", "second", "paragraph", "follows", "here");
    }

    @Test
    void markdownMarkupIsIgnoredAndLinksKeepTheirText() {
        assertThat(tokens("# Heading One\n\n> **Bold** and _light_ words with a [link text](https://example.org/a_b) here.\n"
                + "* bullet item\n- other item\n+ third item"))
                .containsExactly("heading", "one", "bold", "and", "light", "words", "with", "a", "link", "text", "here",
                        "bullet", "item", "other", "item", "third", "item");
        assertThat(tokens("see \\[note\\] and llama3\\_3")).containsExactly("see", "note", "and", "llama3", "3");
    }

    @Test
    void linksWithTitlesAndUnbalancedBracketsKeepOnlyTheirText() {
        // The link pattern is possessive (linear on hostile text); these are the shapes it must still read.
        assertThat(tokens("a [text](https://x.org/p \"the title\") b")).containsExactly("a", "text", "b");
        assertThat(tokens("a [text](  \"title only\") b")).containsExactly("a", "text", "b");
        assertThat(tokens("a [text](<https://x.org/p>) b")).containsExactly("a", "text", "b");
        assertThat(tokens("a ![image](pic.png) b")).containsExactly("a", "image", "b");
        assertThat(tokens("a [one [two](https://x.org) b")).containsExactly("a", "one", "two", "b");
    }

    @Test
    void htmlIsReadWithJsoupIncludingEntities() {
        String html = "<!DOCTYPE html><html><head><title>T</title><script>var x = 1;</script></head><body>"
                + "<h1>Terms</h1><p>He said &ldquo;hello&rdquo; &amp; left&nbsp;early.</p><ol><li>First</li><li>Second</li></ol></body></html>";
        assertThat(tokens(html)).containsExactly("terms", "he", "said", "hello", "left", "early", "first", "second");
        // Inline HTML inside Markdown is removed the same way.
        assertThat(tokens("Found at <span style=\"text-decoration:underline;\">https://example.org/x</span>."))
                .containsExactly("found", "at", "https", "example", "org", "x");
    }

    @Test
    void smartQuotesDashesAndSpacesAreUnified() {
        assertThat(tokens("Meta’s “Policy” — a non‑exclusive\u00A0use, and the ‘rule’ – again…"))
                .isEqualTo(tokens("Meta's \"Policy\" - a non-exclusive use, and the 'rule' - again..."))
                .containsExactly("metas", "policy", "a", "nonexclusive", "use", "and", "the", "rule", "again");
        assertThat(tokens("ﬁne ＦＵＬＬ width")).containsExactly("fine", "full", "width");
    }

    @Test
    void numberingIsDroppedButNumbersInSentencesAreKept() {
        String list = "Terms:\n1. First item;\n2. Second item.\n(a) sub item\nb. letter item\niv. roman item\n3) closing item";
        assertThat(tokens(list)).containsExactly("terms", "first", "item", "second", "item", "sub", "item", "letter", "item",
                "roman", "item", "closing", "item");
        String renumbered = "Terms:\nA. First item;\nB. Second item.\n(i) sub item\n2. letter item\n5. roman item\nc) closing item";
        assertThat(tokens(renumbered)).isEqualTo(tokens(list));
        assertThat(tokens("a limit of 700 million monthly users under Section 4. The version is 3.1 and 2.0."))
                .containsExactly("a", "limit", "of", "700", "million", "monthly", "users", "under", "section", "4", "the",
                        "version", "is", "3.1", "and", "2.0");
        NormalizedText t = TextNormalizer.normalize(list);
        assertThat(t.markers()).extracting(NormalizedText.Marker::label).containsExactly("1.", "2.", "(a)", "b.", "iv.", "3)");
        assertThat(t.markers()).allMatch(NormalizedText.Marker::dropped);
    }

    @Test
    void numbersAreNormalizedButKeepTheirValue() {
        assertThat(tokens("700,000,000 users and 1,5 and 3.1.")).containsExactly("700000000", "users", "and", "15", "and", "3.1");
    }

    @Test
    void pdfPageFurnitureIsDropped() {
        String pdf = "The first page ends in the middle of a\n1\n\nsentence that goes on and on for a while\n"
                + "Page 2 of 3\nuntil the third page\n3\n";
        assertThat(tokens(pdf)).containsExactly("the", "first", "page", "ends", "in", "the", "middle", "of", "a", "sentence",
                "that", "goes", "on", "and", "on", "for", "a", "while", "until", "the", "third", "page");
        // A lone year at the end of a wrapped line is content, not a page number.
        assertThat(tokens("Released on July 23,\n2024\nby the team")).contains("2024");
    }

    @Test
    void hyphenationAtLineEndsIsJoined() {
        assertThat(tokens("an exam-\nple of hyphen-\n   ation")).isEqualTo(tokens("an example of hyphenation"));
        assertThat(tokens("a non-\nexclusive grant")).isEqualTo(tokens("a non-exclusive grant"))
                .isEqualTo(tokens("a non- exclusive grant"));
    }

    @Test
    void offsetsPointIntoTheDisplayText() {
        NormalizedText t = TextNormalizer.normalize("Hello,   “World” of 7 billion");
        assertThat(t.quote(1, 2)).isEqualTo("World");
        assertThat(t.quote(3, 5)).isEqualTo("7 billion");
    }

    @Test
    void plainTextKeepsCaseAndPunctuation() {
        assertThat(TextNormalizer.plainText("**Notice**: the “Built with X” rule\nap-\nplies."))
                .isEqualTo("Notice: the \"Built with X\" rule applies.");
    }
}
