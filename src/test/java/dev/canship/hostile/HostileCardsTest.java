package dev.canship.hostile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Cards whose front matter is ambiguous or partly unparsable. */
class HostileCardsTest {

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    @Test
    void aCardNamingTwoLicensesIsAFindingNotAPass(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nlicense: llama3.1\n---\n# Model\n");
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).contains("LICENSE-AMBIGUOUS-CARD README.md");
        assertThat(r.json().path("summary").asText()).isEqualTo("needs review before shipping");
        assertThat(r.json().path("license_issues").toString()).contains("names 'license' 2 times").contains("apache-2.0, llama3.1");
    }

    @Test
    void aNanBesideTheLicenseTagKeepsTheTag(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "---\nscore: .nan\nlicense: llama3.1\n---\n# Model\n");
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.json().path("license").path("id").asText()).isEqualTo("llama3.1");
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("README.md: front matter is not valid YAML at line 2")
                .endsWith("read key by key, skipped: score"));
    }
}
