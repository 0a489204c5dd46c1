package dev.canship.identify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTextMatcherTest {

    @Test
    void wordsThatAreLinksDoNotCountAsChangedWords() {
        assertThat(FingerprintTextMatcher.wordsOutsideLinks("see https://example.org/x and (www.example.org) too"))
                .isEqualTo(3);
        assertThat(FingerprintTextMatcher.wordsOutsideLinks("  \t\n ")).isZero();
        assertThat(FingerprintTextMatcher.wordsOutsideLinks("one\ttwo\nthree")).isEqualTo(3);
    }

    @Test
    void aMegabyteWordWithoutSpacesIsOneWord() {
        // The regex this replaced rescanned the rest of such a word from every character: quadratic.
        assertThat(FingerprintTextMatcher.wordsOutsideLinks("x".repeat(4 << 20))).isEqualTo(1);
        assertThat(FingerprintTextMatcher.wordsOutsideLinks("x".repeat(4 << 20) + "https://")).isZero();
    }
}
