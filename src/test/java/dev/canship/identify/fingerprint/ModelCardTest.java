package dev.canship.identify.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Model cards: a license and its use policy together in the front matter are both reported; plain cards match nothing. */
class ModelCardTest {

    private static Corpus.Doc doc(String key) {
        return Corpus.docs().stream().filter(d -> d.expectedKey().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void licenseAndUsePolicyInOneGatedPromptAreBothReported() {
        FingerprintMatcher m = Corpus.matcher();
        for (String v : List.of("llama2", "llama3.1", "llama3.2", "llama3.3", "llama4")) {
            String readme = Presentations.card(List.of(doc(v + ".license").text(), doc(v + ".use-policy").text()));
            for (String candidate : List.of(Presentations.cardExtraction(readme), readme)) {
                List<FingerprintMatch> found = m.match(candidate);
                assertThat(found).as(v).extracting(FingerprintMatch::key)
                        .containsExactlyInAnyOrder(v + ".license", v + ".use-policy");
                assertThat(found).as(v).noneMatch(FingerprintMatch::altered);
                assertThat(found).allSatisfy(f -> assertThat(f.coverageOfCandidate()).isBetween(0.2, 0.9));
            }
        }
        String gemma = Presentations.card(List.of(doc("gemma.license.2024-02-21").text(), doc("gemma.use-policy.2024-02-21").text()));
        assertThat(m.match(Presentations.cardExtraction(gemma))).extracting(FingerprintMatch::key)
                .containsExactlyInAnyOrder("gemma.license.2024-02-21", "gemma.use-policy.2024-02-21");
    }

    @Test
    void theLlama3FileCarriesItsPolicyAndIsOneMatch() {
        // meta-llama/llama3's LICENSE appends the use policy: the license fingerprint accounts for all of it.
        assertThat(Corpus.matcher().match(doc("llama3.license").text())).extracting(FingerprintMatch::key).containsExactly("llama3.license");
    }

    @Test
    void aCardWithoutLicenseTextMatchesNothing() {
        FingerprintMatcher m = Corpus.matcher();
        assertThat(m.match(Samples.README)).isEmpty();
        assertThat(m.match(Presentations.CARD_BODY)).isEmpty();
        assertThat(m.match("---\nlicense: llama3.1\n---\n" + Samples.README)).isEmpty();
        assertThat(m.match("")).isEmpty();
    }

    @Test
    void anAlteredThresholdInACardIsReportedOnTheLicenseOnly() {
        String license = doc("llama3.2.license").text().replace("700 million", "7 billion");
        String readme = Presentations.card(List.of(license, doc("llama3.2.use-policy").text()));
        List<FingerprintMatch> found = Corpus.matcher().match(Presentations.cardExtraction(readme));
        assertThat(found).extracting(FingerprintMatch::key).containsExactlyInAnyOrder("llama3.2.license", "llama3.2.use-policy");
        FingerprintMatch lic = found.stream().filter(f -> f.kind().equals("license")).findFirst().orElseThrow();
        assertThat(lic.alterations()).singleElement().satisfies(a -> assertThat(a.detail()).contains("700000000 -> 7000000000"));
        assertThat(found.stream().filter(f -> f.kind().equals("use-policy")).findFirst().orElseThrow().altered()).isFalse();
    }

    /**
     * Real repository files from the corpus. The Hugging Face copies differ from the canonical texts in small, real ways
     * (a missing "an" in Llama 2, an older URL in Llama 3.2, the gated prompt of Llama 3.1 leaving out the "I Accept"
     * sentence and naming "Meta Llama 3" once in its policy); those are the alterations expected.
     */
    @Test
    void realRepositoryFiles() throws IOException {
        Path repos = Corpus.repos();
        FingerprintMatcher m = Corpus.matcher();
        expect(m, repos.resolve("meta-llama--Llama-2-7b-hf/LICENSE.txt"), List.of("llama2.license"), 1);
        expect(m, repos.resolve("meta-llama--Llama-2-7b-hf/USE_POLICY.md"), List.of("llama2.use-policy"), 0);
        expect(m, repos.resolve("meta-llama--Llama-3.2-3B-Instruct/LICENSE.txt"), List.of("llama3.2.license"), 1);
        expect(m, repos.resolve("meta-llama--Llama-3.2-3B-Instruct/USE_POLICY.md"), List.of("llama3.2.use-policy"), 0);
        expect(m, repos.resolve("meta-llama--Llama-3.2-3B-Instruct/README.md"), List.of("llama3.2.use-policy", "llama3.2.license"), 1);
        expect(m, repos.resolve("deepseek-ai--DeepSeek-R1/LICENSE"), List.of("mit.license"), 0);
        expect(m, repos.resolve("openai--gpt-oss-20b/LICENSE"), List.of("apache-2.0.license"), 0);
        Path card31 = repos.resolve("meta-llama--Llama-3.1-8B-Instruct/README.md");
        assertThat(card31).as("corpus file").isRegularFile();
        String readme = Files.readString(card31);
        int end = readme.indexOf("\n---\n", 4);
        JsonNode front = new ObjectMapper(new YAMLFactory()).readTree(readme.substring(4, end + 1));
        List<FingerprintMatch> found = m.match(front.get("extra_gated_prompt").asText() + "\n\n" + readme.substring(end + 5));
        assertThat(found).extracting(FingerprintMatch::key).containsExactlyInAnyOrder("llama3.1.license", "llama3.1.use-policy");
        FingerprintMatch lic = found.stream().filter(f -> f.kind().equals("license")).findFirst().orElseThrow();
        assertThat(lic.alterations()).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo(Alteration.Kind.DELETED));
        FingerprintMatch aup = found.stream().filter(f -> f.kind().equals("use-policy")).findFirst().orElseThrow();
        assertThat(aup.alterations()).singleElement().satisfies(a -> assertThat(a.found()).contains("Meta Llama 3"));

        for (String plain : List.of("google--gemma-2b-it/README.md", "mistralai--Mixtral-8x7B-Instruct-v0.1/README.md",
                "deepseek-ai--DeepSeek-R1/README.md", "openai--gpt-oss-20b/USAGE_POLICY")) {
            Path p = repos.resolve(plain);
            assertThat(p).as("corpus file").isRegularFile();
            assertThat(m.match(Files.readString(p))).as(plain).isEmpty();
        }
    }

    private static void expect(FingerprintMatcher m, Path file, List<String> keys, int alterations) throws IOException {
        // A corpus file that went missing is a failure, not a silent pass: the corpus is pinned (INDEX.tsv).
        assertThat(file).as("corpus file").isRegularFile();
        List<FingerprintMatch> found = m.match(Files.readString(file));
        assertThat(found).as(file.toString()).extracting(FingerprintMatch::key).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(found.stream().mapToInt(f -> f.alterations().size()).sum()).as(file + " alterations").isEqualTo(alterations);
    }
}
