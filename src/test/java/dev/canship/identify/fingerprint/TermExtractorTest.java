package dev.canship.identify.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class TermExtractorTest {

    private static Corpus.Doc doc(String key) {
        return Corpus.docs().stream().filter(d -> d.expectedKey().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void everyLlamaLicenseSetsTheThresholdAt700Million() {
        for (String v : List.of("llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4")) {
            ExtractedTerms t = TermExtractor.extract(doc(v + ".license").text());
            assertThat(t.mauThreshold()).as(v).isEqualTo(700_000_000L);
            assertThat(t.effectiveDate()).as(v).isNotNull();
            assertThat(t.noticeSentence()).as(v).contains("Llama").contains("Meta Platforms");
        }
    }

    @Test
    void llamaVersionsStateTheirDatesPrefixesAndPhrases() {
        ExtractedTerms l31 = TermExtractor.extract(doc("llama3.1.license").text());
        assertThat(l31.effectiveDate()).isEqualTo(LocalDate.of(2024, 7, 23));
        assertThat(l31.namePrefix()).isEqualTo("Llama");
        assertThat(l31.attributionPhrases()).containsExactly("Built with Llama");
        assertThat(l31.noticeSentence()).startsWith("Llama 3.1").contains("Community License").endsWith("Reserved.");

        ExtractedTerms l3 = TermExtractor.extract(doc("llama3.license").text());
        assertThat(l3.namePrefix()).isEqualTo("Llama 3");
        assertThat(l3.attributionPhrases()).containsExactly("Built with Meta Llama 3");
        assertThat(TermExtractor.extract(doc("llama4.license").text()).effectiveDate()).isEqualTo(LocalDate.of(2025, 4, 5));
        assertThat(TermExtractor.extract(doc("llama2.license").text()).namePrefix()).isNull();
    }

    @Test
    void tongyiQianwenSetsTheThresholdAt100Million() {
        ExtractedTerms t = TermExtractor.extract(doc("tongyi-qianwen.license").text());
        assertThat(t.mauThreshold()).isEqualTo(100_000_000L);
        assertThat(t.effectiveDate()).isEqualTo(LocalDate.of(2023, 8, 3));
        assertThat(t.noticeSentence()).startsWith("Tongyi Qianwen").contains("Alibaba Cloud");
        assertThat(TermExtractor.extract(doc("qwen-research.license").text()).attributionPhrases()).containsExactly("Built with Qwen");
    }

    @Test
    void readsWhatAnAlteredTextSays() {
        String altered = doc("llama3.1.license").text().replace("700 million", "7 billion");
        assertThat(TermExtractor.extract(altered).mauThreshold()).isEqualTo(7_000_000_000L);
        assertThat(TermExtractor.extract(Presentations.html(altered)).mauThreshold()).isEqualTo(7_000_000_000L);
        assertThat(TermExtractor.extract(Presentations.reflow(altered, 50)).mauThreshold()).isEqualTo(7_000_000_000L);
    }

    @Test
    void datesOfOtherTextsAndNothingFromPlainCards() {
        assertThat(TermExtractor.extract(doc("gemma.license.2024-04-01").text()).effectiveDate()).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(TermExtractor.extract(doc("deepseek.license").text()).effectiveDate()).isEqualTo(LocalDate.of(2023, 10, 23));
        assertThat(TermExtractor.extract(Samples.README)).isEqualTo(ExtractedTerms.NONE);
    }

    @Test
    void syntheticForms() {
        ExtractedTerms t = TermExtractor.extract("<p>Services with more than 700,000,000 monthly active users need a license. "
                + "Effective Date: 2031-03-03. Show &ldquo;Built with Example&rdquo; and include &ldquo;Example&rdquo; at the "
                + "beginning of the model name. Keep a &ldquo;Notice&rdquo; text file with: &ldquo;Example is licensed to you.&rdquo;</p>");
        assertThat(t).isEqualTo(new ExtractedTerms(700_000_000L, LocalDate.of(2031, 3, 3), "Example", List.of("Built with Example"),
                "Example is licensed to you."));
        assertThat(TermExtractor.extract(Samples.AGREEMENT).effectiveDate()).isEqualTo(LocalDate.of(2031, 3, 3));
    }
}
