package dev.canship.identify;

import dev.canship.Corpus;
import dev.canship.extract.Extractor;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every model repository of the reference corpus, as published: the governing license expected after lineage,
 * and no substantive-alteration error for Meta's own releases (their Hub gate text and old links are not edits
 * of the terms). A repository added to the corpus fails here until its expectation is written down.
 */
class CorpusRepositoriesTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private final LicenseIdentifier identifier = new LicenseIdentifier(KB, FingerprintTextMatcher.bundled(KB), new TextTermReader());

    /** Folder -> governing license id ("-" when the repository holds no license evidence at all). */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("Qwen--Qwen2.5-72B", "-"),
            Map.entry("Qwen--Qwen3-30B-A3B", "-"),
            Map.entry("deepseek-ai--DeepSeek-R1", "mit"),
            Map.entry("deepseek-ai--DeepSeek-V3", "-"),
            Map.entry("google--gemma-2b-it", "gemma"),
            // Google's own HAI-DEF terms (unknown to canship) stay governing; the Gemma 3 base's terms bind beside them.
            Map.entry("google--medgemma-27b-it", "health-ai-developer-foundations"),
            Map.entry("lizpreciatior--lzlv_70b_fp16_hf", "cc-by-nc-2.0"),
            // Card: Llama 3.1 base; config.json: Llama 3 base. Both bind; a lineage conflict.
            Map.entry("mattshumer--Reflection-Llama-3.1-70B", "llama3.1"),
            Map.entry("meta-llama--Llama-2-7b-hf", "llama2"),
            Map.entry("meta-llama--Llama-3.1-8B-Instruct", "llama3.1"),
            Map.entry("meta-llama--Llama-3.2-3B-Instruct", "llama3.2"),
            Map.entry("meta-llama--Llama-3.3-70B-Instruct", "-"),
            Map.entry("meta-llama--Llama-4-Maverick-17B-128E-Instruct", "-"),
            Map.entry("meta-llama--Llama-4-Scout-17B-16E-Instruct", "-"),
            Map.entry("mistralai--Mixtral-8x7B-Instruct-v0.1", "apache-2.0"),
            Map.entry("mistralai--Mixtral-8x7B-v0.1", "-"),
            Map.entry("openai--gpt-oss-120b", "-"),
            Map.entry("openai--gpt-oss-20b", "apache-2.0"),
            // Card says apache-2.0 over a Llama 3.1 base: Llama 3.1 governs, apache-2.0 is the conflict.
            Map.entry("skkjodhpur--Meta-Llama-3.1-8B-Unsloth-2x-faster-finetuning-GGUF-by-skk", "llama3.1")));

    private Identification identify(Path repo) {
        var limits = ScanLimits.DEFAULTS;
        return identifier.identify(new Extractor(limits).extract(new InventoryScanner(limits).scan(repo)));
    }

    private static List<IdentificationIssue.Kind> kinds(Identification id) {
        return id.issues().stream().map(IdentificationIssue::kind).toList();
    }

    @Test
    void everyCorpusRepositoryHasItsExpectedGoverningLicense() throws IOException {
        List<String> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(Corpus.root().resolve("repos"))) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(folders::add);
        }
        assertThat(folders).as("every corpus repository has an expectation here").containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        for (String folder : folders) {
            Identification id = identify(Corpus.repo(folder));
            assertThat(id.license() == null ? "-" : id.license().id()).as(folder).isEqualTo(EXPECTED.get(folder));
            if (folder.startsWith("meta-llama--")) {
                assertThat(kinds(id)).as(folder + ": Meta's own release is not altered in substance")
                        .doesNotContain(IdentificationIssue.Kind.ALTERED, IdentificationIssue.Kind.LAUNDERING,
                                IdentificationIssue.Kind.CONFLICT, IdentificationIssue.Kind.LINEAGE_CONFLICT);
            }
        }
    }

    @Test
    void theLaunderedAndTheConflictingRepositoriesSayWhy() {
        Identification skk = identify(Corpus.repo("skkjodhpur--Meta-Llama-3.1-8B-Unsloth-2x-faster-finetuning-GGUF-by-skk"));
        assertThat(skk.issues()).filteredOn(i -> i.kind() == IdentificationIssue.Kind.LAUNDERING).singleElement()
                .satisfies(i -> assertThat(i.licenseIds()).containsExactly("llama3.1", "apache-2.0"));
        assertThat(skk.terms().namePrefix().prefix()).isEqualTo("Llama");

        Identification reflection = identify(Corpus.repo("mattshumer--Reflection-Llama-3.1-70B"));
        assertThat(reflection.alsoBinding()).containsExactly("llama3");
        assertThat(reflection.issues()).filteredOn(i -> i.kind() == IdentificationIssue.Kind.LINEAGE_CONFLICT).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("Meta-Llama-3-70B-Instruct").contains("Meta-Llama-3.1-70B-Instruct"));

        Identification med = identify(Corpus.repo("google--medgemma-27b-it"));
        assertThat(med.alsoBinding()).containsExactly("gemma");

        Identification llama2 = identify(Corpus.repo("meta-llama--Llama-2-7b-hf"));
        assertThat(llama2.baseModels()).as("config.json naming the release itself does not make it a derivative").isEmpty();

        Identification r1 = identify(Corpus.repo("deepseek-ai--DeepSeek-R1"));
        assertThat(kinds(r1)).as("an official card naming its own family in prose is no news").isEmpty();
    }
}
