package dev.canship.extract;

import dev.canship.Corpus;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractorTest {

    private Extraction extract(Path repo) {
        return new Extractor(ScanLimits.DEFAULTS).extract(new InventoryScanner(ScanLimits.DEFAULTS).scan(repo));
    }

    @Test
    void readsTheCardsFrontMatterAndBody(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: other\nlicense_name: llama4\nbase_model:\n- meta-llama/Llama-4-Scout-17B-16E\n---\n# Title\nBody text.\n");
        Extraction ex = extract(repo);
        assertThat(ex.card().text("license")).isEqualTo("other");
        assertThat(ex.card().text("license_name")).isEqualTo("llama4");
        assertThat(ex.card().texts("base_model")).containsExactly("meta-llama/Llama-4-Scout-17B-16E");
        assertThat(ex.card().lineOf("license_name")).isEqualTo(3);
        assertThat(ex.card().body()).contains("Body text.");
        assertThat(ex.card().bodyLine()).isEqualTo(7);
    }

    @Test
    void aGatedPromptHoldingTheLicenseBecomesADocument() throws IOException {
        Path repo = Corpus.repo("meta-llama--Llama-3.2-3B-Instruct");
        Extraction ex = extract(repo);
        assertThat(ex.documents()).anySatisfy(d -> {
            assertThat(d.field()).isEqualTo("extra_gated_prompt");
            assertThat(d.text()).contains("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT");
            assertThat(d.firstLine()).isGreaterThan(1);
        });
        assertThat(ex.documents()).anySatisfy(d -> assertThat(d.file()).isEqualTo("LICENSE.txt"));
    }

    @Test
    void invalidJsonConfigIsADiagnosticNotACrash() {
        Path repo = Corpus.repo("skkjodhpur--Meta-Llama-3.1-8B-Unsloth-2x-faster-finetuning-GGUF-by-skk");
        Extraction ex = extract(repo);
        assertThat(ex.config()).isNull();
        assertThat(ex.diagnostics()).extracting(Diagnostic::toString).anyMatch(s -> s.startsWith("config.json: invalid JSON"));
        assertThat(ex.adapterConfig()).isNotNull();
    }

    @Test
    void aYamlBombInTheCardIsNeverExpanded(@TempDir Path repo) throws IOException {
        StringBuilder bomb = new StringBuilder("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        bomb.append("---\nbody\n");
        Files.writeString(repo.resolve("README.md"), bomb);
        Extraction ex = extract(repo);
        // Aliases are not expanded into copies: the whole tree stays as small as the text (a billion laughs costs
        // nothing). Counted deeply, with a cap, so an expanded tree (387 million strings) fails instead of hanging.
        assertThat(ex.card().frontMatter().path("j").size()).as("the last level was read").isEqualTo(9);
        assertThat(deepCount(ex.card().frontMatter(), 100_000)).isLessThan(200);
    }

    @Test
    void htmlLicensesAreReadAsTextWithParagraphs(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("LICENSE.html"), "<html><head><style>p{}</style><script>alert(1)</script></head><body>"
                + "<h1>My License</h1><p>First &ldquo;paragraph&rdquo;.</p><ol><li>one</li><li>two</li></ol></body></html>");
        Extraction ex = extract(repo);
        TextDocument d = ex.documents().get(0);
        assertThat(d.role()).isEqualTo(FileRole.LICENSE);
        assertThat(d.text()).isEqualTo("My License\nFirst \u201Cparagraph\u201D.\none\ntwo");
    }

    @Test
    void aHugeLicenseIsReadUpToTheLimitAndReported(@TempDir Path repo) throws IOException {
        try (var f = new java.io.RandomAccessFile(repo.resolve("LICENSE").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        ScanLimits limits = new ScanLimits(100, 5, 64 * 1024, 64 * 1024, 64 * 1024, 10, 32, 1000);
        Extraction ex = new Extractor(limits).extract(new InventoryScanner(limits).scan(repo));
        assertThat(ex.documents()).singleElement().satisfies(d -> assertThat(d.text().length()).isLessThanOrEqualTo(64 * 1024));
        assertThat(ex.diagnostics()).extracting(Diagnostic::message).anyMatch(m -> m.contains("only the start was read"));
    }

    /** Nodes under {@code node}, counting stops past {@code cap}. */
    private static int deepCount(com.fasterxml.jackson.databind.JsonNode node, int cap) {
        int n = 1;
        for (var child : node) {
            if (n > cap) {
                break;
            }
            n += deepCount(child, cap - n);
        }
        return n;
    }
}
