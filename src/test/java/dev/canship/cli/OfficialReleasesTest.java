package dev.canship.cli;

import dev.canship.Corpus;
import dev.canship.finding.Finding;
import dev.canship.finding.Severity;
import dev.canship.report.RepositoryReport;
import dev.canship.report.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Never block a clean official release: Meta's own repositories, as published (the Hub's gate text, an older
 * documentation link, a missing article), are not altered copies. What differs is named, as information only.
 */
class OfficialReleasesTest {

    private static final Path CLEAN = Path.of("samples/deployments/us-assistant-pass.yaml");

    @ParameterizedTest
    @ValueSource(strings = {"meta-llama--Llama-2-7b-hf", "meta-llama--Llama-3.1-8B-Instruct", "meta-llama--Llama-3.2-3B-Instruct"})
    void metasOwnRepositoriesAreNotReportedAsAltered(String repo) {
        RepositoryReport r = TestReports.check(Corpus.repo(repo), CLEAN);
        assertThat(r.findings()).filteredOn(f -> f.rule().startsWith("LICENSE-ALTERED"))
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.rule()).isEqualTo("LICENSE-ALTERED-MINOR");
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                });
        assertThat(r.findings()).extracting(Finding::rule)
                .doesNotContain("LICENSE-ALTERED", "LICENSE-CONFLICT", "LICENSE-LAUNDERING", "LINEAGE-CONFLICT");
        assertThat(r.verdict()).isNotEqualTo(Verdict.FAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"meta-llama--Llama-2-7b-hf", "meta-llama--Llama-3.2-3B-Instruct"})
    void aCleanDeploymentOfAnOfficialReleasePasses(String repo) {
        assertThat(TestReports.check(Corpus.repo(repo), CLEAN).verdict()).isEqualTo(Verdict.PASS);
    }
}
