package dev.canship.rules;

import dev.canship.finding.FindingKind;
import dev.canship.finding.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the rule catalogue (rules/catalog.yaml) and the .drl files in step. */
class RuleCatalogTest {

    private final RuleCatalog catalog = RuleCatalog.bundled();

    @Test
    void everyFindingRuleIsDocumentedAndEveryDocumentedRuleExists() {
        List<String> compiled = RuleCatalog.compiledRuleNames().stream().filter(n -> !n.startsWith("derive:")).toList();
        List<String> documented = catalog.entries().stream().map(RuleCatalog.Entry::id).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(compiled);
    }

    @Test
    void everyEntryIsComplete() throws IOException {
        for (RuleCatalog.Entry e : catalog.entries()) {
            assertThat(FindingKind.valueOf(e.kind())).as(e.id()).isNotNull();
            assertThat(Severity.parse(e.severity())).as(e.id()).isNotNull();
            assertThat(e.checks()).as(e.id()).isNotBlank();
            assertThat(e.why()).as(e.id()).isNotBlank();
            assertThat(e.fix()).as(e.id()).isNotBlank();
            String drl = Files.readString(Path.of("rules").resolve(e.file()));
            assertThat(drl).as(e.id() + " in " + e.file()).contains("rule \"" + e.id() + "\"")
                    .contains("findings.report(\"" + e.id() + "\", \"" + e.kind() + "\", \"" + e.severity() + "\"");
        }
    }
}
