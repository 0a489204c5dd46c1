package dev.canship.identify.fingerprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small benchmark (no JMH): microseconds per match of a 20 KB candidate (a model card holding a license and its use
 * policy, padded with card text to 20 KB) against all committed fingerprints, after warm-up. Not a test: timing on a
 * shared machine is not a pass/fail criterion. Run with
 * {@code java -cp target/classes:target/test-classes:<deps> dev.canship.identify.fingerprint.MatchBench [corpus-dir]}.
 */
public final class MatchBench {

    private MatchBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.setProperty("canship.corpus", args[0]);
        }
        Path licenses = Corpus.root().resolve("licenses");
        if (!Files.isDirectory(licenses)) {
            System.err.println("corpus not found at " + licenses);
            System.exit(2);
        }
        FingerprintMatcher matcher = FingerprintMatcher.load(Corpus.fingerprintDir());
        String license = Files.readString(licenses.resolve("llama3.1/LICENSE"));
        String policy = Files.readString(licenses.resolve("llama3.1/USE_POLICY.md"));
        StringBuilder sb = new StringBuilder(Presentations.card(List.of(license, policy)));
        while (sb.length() < 20_000) {
            sb.append("\n\n").append(Presentations.CARD_BODY);
        }
        String candidate = sb.substring(0, 20_000);

        int warm = 2_000;
        int runs = 5_000;
        long sink = 0;
        for (int i = 0; i < warm; i++) {
            sink += matcher.match(candidate).size();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            sink += matcher.match(candidate).size();
        }
        long t1 = System.nanoTime();
        long n0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            sink += TextNormalizer.normalize(candidate).size();
        }
        long n1 = System.nanoTime();
        List<FingerprintMatch> m = matcher.match(candidate);
        System.out.printf("candidate: %d chars, %d fingerprints; matches: %s%n", candidate.length(), matcher.fingerprints().size(),
                m.stream().map(FingerprintMatch::key).toList());
        System.out.printf("match (normalize + all fingerprints): %.1f us per candidate%n", (t1 - t0) / 1e3 / runs);
        System.out.printf("  of which normalize:               %.1f us%n", (n1 - n0) / 1e3 / runs);
        System.out.println("(checksum " + sink + ")");
    }
}
