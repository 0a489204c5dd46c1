package dev.canship.identify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge base checks itself: schemas (no unknown keys, enums, required keys, types) and cross-file ids. */
class KnowledgeBaseValidatorTest {

    private static final Path LICENSES = Path.of("licenses");

    @TempDir
    Path tmp;

    @Test
    void theShippedKnowledgeBaseIsValid() {
        assertThat(KnowledgeBaseValidator.validateKnowledgeBase(LICENSES)).isEmpty();
    }

    @Test
    void aTypoedKeyIsReportedWithFileLineAndKey() throws IOException {
        Path kb = copy();
        edit(kb.resolve("catalog/llama3.1.yaml"), "    threshold: 700000000", "    treshold: 700000000");
        List<KnowledgeBaseValidator.Problem> problems = KnowledgeBaseValidator.validateKnowledgeBase(kb);
        assertThat(problems).extracting(Object::toString)
                .contains("catalog/llama3.1.yaml:" + lineOf(kb.resolve("catalog/llama3.1.yaml"), "treshold")
                        + ": terms.mau.treshold: unknown key (a typo? see licenses/README.md for the keys)");
    }

    @Test
    void aWrongEnumValueIsReportedWithFileLineAndKey() throws IOException {
        Path kb = copy();
        edit(kb.resolve("catalog/llama3.1.yaml"), "family: llama", "family: lama");
        List<KnowledgeBaseValidator.Problem> problems = KnowledgeBaseValidator.validateKnowledgeBase(kb);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("catalog/llama3.1.yaml");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.key()).isEqualTo("family");
            assertThat(p.message()).contains("enumeration");
        });
    }

    @Test
    void aMisspeltNonCommercialScopeIsReportedWithFileLineAndKey() throws IOException {
        Path kb = copy();
        Path flux = kb.resolve("catalog/flux-non-commercial.yaml");
        edit(flux, "    scope: non-production", "    scope: non-productive");
        assertThat(KnowledgeBaseValidator.validateKnowledgeBase(kb)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("catalog/flux-non-commercial.yaml");
            assertThat(p.line()).isEqualTo(lineOf(flux, "non-productive"));
            assertThat(p.key()).isEqualTo("terms.non_commercial.scope");
            assertThat(p.message()).contains("enumeration");
        });
    }

    /** The rules compare the scope as an enum: the schema admits exactly its values, so no valid file can fail to read. */
    @Test
    void theSchemaAdmitsExactlyTheNonCommercialScopesTheRulesKnow() throws IOException {
        com.fasterxml.jackson.databind.JsonNode scope = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(LICENSES.resolve("schemas/catalog.schema.json").toFile())
                .at("/properties/terms/properties/non_commercial/properties/scope/enum");
        List<String> admitted = new java.util.ArrayList<>();
        scope.forEach(v -> admitted.add(v.asText()));
        assertThat(admitted).containsExactlyInAnyOrder("research", "non-commercial", "non-production");
        assertThat(admitted).allSatisfy(v -> assertThat(dev.canship.rules.facts.NonCommercialScope.of(v).words()).isEqualTo(v));
        assertThat(dev.canship.rules.facts.NonCommercialScope.values()).hasSameSizeAs(admitted);
    }

    @Test
    void aMissingRequiredKeyIsReportedWithFileLineAndKey() throws IOException {
        Path kb = copy();
        edit(kb.resolve("catalog/llama3.1.yaml"), "publisher: Meta Platforms, Inc.\n", "");
        edit(kb.resolve("policies/llama3.1-aup.yaml"), "\ntitle:", "\nname:");
        List<KnowledgeBaseValidator.Problem> problems = KnowledgeBaseValidator.validateKnowledgeBase(kb);
        assertThat(problems).extracting(Object::toString).contains(
                "catalog/llama3.1.yaml:1: publisher: required key missing",
                "policies/llama3.1-aup.yaml:1: title: required key missing");
    }

    @Test
    void danglingIdsAcrossFilesAreReported() throws IOException {
        Path kb = copy();
        edit(kb.resolve("catalog/llama3.1.yaml"), "use_policy: llama3.1-aup", "use_policy: llama3.1-aupp");
        edit(kb.resolve("catalog/llama3.1.yaml"), "fingerprint: llama3.1.license.fp", "fingerprint: llama3.1.licence.fp");
        edit(kb.resolve("lineage.yaml"), "not_held: [qwen, ", "not_held: [");
        edit(kb.resolve("duties.yaml"), "\n  apache-2.0:", "\n  apache2:");
        List<String> problems = KnowledgeBaseValidator.validateKnowledgeBase(kb).stream().map(Object::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("catalog/llama3.1.yaml:").contains(": use_policy: 'llama3.1-aupp' names no file in policies/"))
                .anySatisfy(p -> assertThat(p).contains(": documents[0].fingerprint: 'llama3.1.licence.fp' is not a file in fingerprints/"))
                .anySatisfy(p -> assertThat(p).startsWith("lineage.yaml:").contains("'qwen' is neither a catalog id nor listed under not_held"))
                .anySatisfy(p -> assertThat(p).startsWith("duties.yaml:").contains("duties.apache2: 'apache2' is not a catalog id"));
    }

    @Test
    void aBooleanWhereAStringBelongsIsReported() throws IOException {
        Path kb = copy();
        edit(kb.resolve("regions.yaml"), "\"NO\"]", "NO]");
        assertThat(KnowledgeBaseValidator.validateKnowledgeBase(kb)).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).startsWith("regions.yaml:").contains("regions.EEA.members[36]: boolean found, string expected"));
    }

    @Test
    void anExceptionWithoutASummaryIsReported() throws IOException {
        Path kb = copy();
        edit(kb.resolve("exceptions.yaml"), "  LLVM-exception: ", "  LLVM-exception:\n    summary: ");
        assertThat(KnowledgeBaseValidator.validateKnowledgeBase(kb)).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).startsWith("exceptions.yaml:").contains("LLVM-exception"));
    }

    private Path copy() throws IOException {
        Path dst = tmp.resolve("licenses");
        try (Stream<Path> s = Files.walk(LICENSES)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(LICENSES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertThat(s).contains(from);
        Files.writeString(file, s.replace(from, to));
    }

    private static int lineOf(Path file, String needle) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + file);
    }
}
