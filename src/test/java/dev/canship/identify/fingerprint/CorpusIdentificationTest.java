package dev.canship.identify.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus text is identified to its exact (id, kind, version), unaltered, in every presentation; the Llama
 * versions are never confused and a license is never taken for a use policy or the reverse.
 */
class CorpusIdentificationTest {

    private static final Map<String, Map<String, String>> TABLE = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyTextInEveryPresentation() {
        List<Corpus.Doc> docs = Corpus.docs();
        FingerprintMatcher matcher = Corpus.matcher();
        return docs.stream().flatMap(d -> Presentations.ALL.stream()
                .map(p -> dynamicTest(d.name() + " [" + p.name() + "]", () -> check(matcher, d, p))));
    }

    private static void check(FingerprintMatcher matcher, Corpus.Doc d, Presentations.Presentation p) {
        String outcome = "FAIL";
        try {
            // The test PDF is drawn in a standard Type 1 font, which has no glyphs beyond Latin-1.
            boolean drawable = !p.name().startsWith("pdf") || d.text().chars().allMatch(c -> c < 0x100 || "\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u2026\u20ac".indexOf(c) >= 0);
            if (!drawable) {
                outcome = "n/a";
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(drawable, d.name() + " holds characters the test PDF font cannot draw; PDF presentation not tested");
            String candidate = p.apply().apply(d.text());
            List<FingerprintMatch> matches = matcher.match(candidate);
            assertThat(matches).as("matches of %s as %s", d.name(), p.name()).isNotEmpty();
            FingerprintMatch top = matches.get(0);
            assertThat(top.key()).as("top match of %s as %s", d.name(), p.name()).isEqualTo(d.expectedKey());
            assertThat(top.alterations()).as("alterations of %s as %s", d.name(), p.name()).isEmpty();
            assertThat(top.altered()).isFalse();
            assertThat(matches).as("one text, one match: %s as %s", d.name(), p.name()).hasSize(1);
            outcome = "pass";
        } finally {
            TABLE.computeIfAbsent(d.expectedKey(), k -> new ConcurrentHashMap<>()).put(p.name(), outcome);
        }
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (TABLE.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("| fingerprint | ");
        sb.append(Presentations.ALL.stream().map(Presentations.Presentation::name).collect(Collectors.joining(" | "))).append(" |\n|---|");
        sb.append("---|".repeat(Presentations.ALL.size())).append('\n');
        for (Map.Entry<String, Map<String, String>> e : new TreeMap<>(TABLE).entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ");
            sb.append(Presentations.ALL.stream().map(p -> e.getValue().getOrDefault(p.name(), "-")).collect(Collectors.joining(" | ")));
            sb.append(" |\n");
        }
        Path out = Path.of("target", "fingerprint-accuracy.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
        System.out.println(sb);
    }
}
