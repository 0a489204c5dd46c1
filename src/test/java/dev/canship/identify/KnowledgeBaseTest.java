package dev.canship.identify;

import dev.canship.Corpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeBaseTest {

    private final KnowledgeBase kb = KnowledgeBase.bundled();

    @Test
    void everyLicenseHasItsEssentials() {
        assertThat(kb.licenses()).hasSizeGreaterThanOrEqualTo(23);
        for (LicenseInfo l : kb.licenses().values()) {
            assertThat(l.title()).as(l.id()).isNotBlank();
            assertThat(l.family()).as(l.id()).isNotBlank();
            assertThat(l.summary()).as(l.id()).isNotBlank();
            assertThat(l.commercialUse()).as(l.id()).isIn("allowed", "conditional", "prohibited");
            assertThat(l.documents()).as(l.id()).isNotEmpty();
            if (l.usePolicy() != null) {
                assertThat(kb.policy(l.usePolicy())).as(l.id() + " use policy").isPresent();
            }
        }
    }

    @Test
    void theLlamaVersionsDifferWhereTheTextsDo() {
        assertThat(kb.license("llama2").orElseThrow().terms().namePrefix()).isNull();
        assertThat(kb.license("llama3").orElseThrow().terms().namePrefix().prefix()).isEqualTo("Llama 3");
        assertThat(kb.license("llama3.1").orElseThrow().terms().namePrefix().prefix()).isEqualTo("Llama");
        assertThat(kb.license("llama3").orElseThrow().terms().outputTraining().prohibited()).isTrue();
        assertThat(kb.license("llama3.1").orElseThrow().terms().outputTraining().prohibited()).isFalse();
        assertThat(kb.license("llama3.1").orElseThrow().terms().territorial()).isNull();
        for (String id : List.of("llama3.2", "llama3.3", "llama4")) {
            assertThat(kb.license(id).orElseThrow().terms().territorial().excludedRegions()).as(id).containsExactly("EU");
        }
        for (String id : List.of("llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4")) {
            assertThat(kb.license(id).orElseThrow().terms().mau().threshold()).as(id).isEqualTo(700_000_000L);
        }
        assertThat(kb.license("llama4").orElseThrow().terms().mau().referenceDate()).hasToString("2025-04-05");
        assertThat(kb.license("llama3.1").orElseThrow().terms().notice().sentence())
                // The required Notice sentence, asserted in two halves (the project keeps no license sentence whole).
                .startsWith("Llama 3.1 is licensed under the Llama 3.1 Community License,")
                .endsWith("Copyright © Meta Platforms, Inc. All Rights Reserved.")
                .doesNotContain("..");
    }

    @Test
    void policiesAndLexiconUseOnlyTheVocabulary() {
        assertThat(kb.uses()).containsKeys("customer_support", "medical_diagnosis", "military", "illegal_drugs", "child_exploitation");
        for (UsePolicy p : kb.policies().values()) {
            for (UsePolicy.Section s : p.sections()) {
                assertThat(kb.uses().keySet()).as(p.id() + " §" + s.section()).containsAll(s.prohibits()).containsAll(s.review());
            }
        }
        assertThat(kb.uses().keySet()).containsAll(kb.lexicon().keySet());
    }

    @Test
    void cardNamesAndLinksResolve() {
        assertThat(kb.byCardName("llama3.1")).map(LicenseInfo::id).contains("llama3.1");
        assertThat(kb.byCardName("Apache-2.0")).map(LicenseInfo::id).contains("apache-2.0");
        assertThat(kb.byCardName("gemma-terms-of-use")).map(LicenseInfo::id).contains("gemma");
        assertThat(kb.byCardName("no-such-license")).isEmpty();
    }

    @Test
    void everyCorpusTextIsDocumentedExactlyOnce() throws IOException {
        Path licenses = Corpus.root().resolve("licenses");
        Map<String, Integer> seen = new HashMap<>();
        kb.licenses().values().forEach(l -> l.documents().forEach(d -> seen.merge(d.corpus(), 1, Integer::sum)));
        try (Stream<Path> s = Files.walk(licenses)) {
            List<String> files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("SOURCE.txt") && !p.getFileName().toString().equals("INDEX.tsv"))
                    .map(p -> licenses.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(files).as("corpus texts under " + licenses).isNotEmpty();
            for (String f : files) {
                assertThat(seen.get(f)).as(f).isEqualTo(1);
            }
        }
    }

    /**
     * Every license carries a standard identifier: an SPDX id that the SPDX license list (as bundled with the
     * CycloneDX library) knows, or a LicenseRef where SPDX has none.
     */
    @Test
    void everyLicenseHasAnSpdxIdOrALicenseRef() throws IOException {
        java.util.Set<String> spdx = new java.util.HashSet<>();
        try (var in = getClass().getClassLoader().getResourceAsStream("spdx.schema.json")) {
            assertThat(in).as("spdx.schema.json of cyclonedx-core-java").isNotNull();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("enum").forEach(n -> spdx.add(n.asText()));
        }
        assertThat(spdx).contains("MIT", "Apache-2.0");
        for (LicenseInfo l : kb.licenses().values()) {
            assertThat(l.spdx()).as(l.id()).isNotNull();
            if (l.spdx().startsWith("LicenseRef-")) {
                assertThat(l.spdx()).as(l.id()).matches("LicenseRef-(canship|scancode)-[A-Za-z0-9.+-]+");
            } else {
                assertThat(spdx).as(l.id() + " " + l.spdx()).contains(l.spdx());
            }
        }
    }

    @Test
    void everyCatalogDocumentHasItsFingerprintWithTheSameIdentity() throws IOException {
        for (LicenseInfo l : kb.licenses().values()) {
            for (LicenseInfo.DocumentRef d : l.documents()) {
                try (var in = getClass().getClassLoader().getResourceAsStream("licenses/fingerprints/" + d.fingerprint())) {
                    assertThat(in).as(l.id() + " " + d.fingerprint()).isNotNull();
                    var fp = dev.canship.identify.fingerprint.FingerprintBuilder.read(in);
                    assertThat(fp.id()).as(d.fingerprint()).isEqualTo(l.id());
                    assertThat(fp.kind()).as(d.fingerprint()).isEqualTo(d.kind());
                }
            }
        }
    }

    @Test
    void onlyListedSpdxExceptionsAreKnownWhateverTheirCase() {
        KnowledgeBase kb = KnowledgeBase.bundled();
        assertThat(kb.knowsException("LLVM-exception")).isTrue();
        assertThat(kb.knowsException("classpath-exception-2.0")).isTrue();
        assertThat(kb.knowsException("Commons-Clause")).as("adds a restriction; not an SPDX exception").isFalse();
        assertThat(kb.knowsException("mit")).as("a license is not an exception").isFalse();
    }
}
