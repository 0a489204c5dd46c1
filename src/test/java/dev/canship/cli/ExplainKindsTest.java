package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code canship explain} takes whatever a finding shows: its rule id or its kind, in any case, with '_' or '-'. */
class ExplainKindsTest {

    @Test
    void aFindingKindListsEveryRuleOfThatKindWithWhatItChecksWhyAndTheFix() {
        CliTest.Run r = run("explain", "MAU_THRESHOLD");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("MAU_THRESHOLD: ")
                .contains("MAU-THRESHOLD  (MAU_THRESHOLD, error, rules/obligations.drl)")
                .contains("MAU-THRESHOLD-COMMERCIAL  (MAU_THRESHOLD, error")
                .contains("Checks:").contains("Why:").contains("Fix:");
        assertThat(run("explain", "mau_threshold").out()).isEqualTo(r.out());
    }

    @Test
    void aRuleIdStillExplainsThatOneRuleInAnyCaseAndWithUnderscoresWhereNoKindHasThatName() throws Exception {
        CliTest.Run exact = run("explain", "MAU-THRESHOLD");
        assertThat(exact.out()).startsWith("MAU-THRESHOLD  (MAU_THRESHOLD").doesNotContain("MAU-THRESHOLD-COMMERCIAL");
        assertThat(run("explain", "mau-threshold").out()).isEqualTo(exact.out());
        // The underscores of a kind name the kind; where no kind has that name, they name the rule.
        assertThat(run("explain", "eu_multimodal").out()).startsWith("EU_MULTIMODAL: ");
        assertThat(run("explain", "notice_file_repository").out()).startsWith("NOTICE-FILE-REPOSITORY  (");
        assertThat(run("explain", "Use-Policy-Review").out()).startsWith("USE-POLICY-REVIEW  (");

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(run("explain", "MAU-THRESHOLD", "--format", "json").out()).get("id").asText()).isEqualTo("MAU-THRESHOLD");
        JsonNode kind = json.readTree(run("explain", "MAU_THRESHOLD", "--format", "json").out());
        assertThat(kind.isArray()).isTrue();
        assertThat(kind).allSatisfy(e -> assertThat(e.get("kind").asText()).isEqualTo("MAU_THRESHOLD")).hasSizeGreaterThan(1);
    }

    @Test
    void anUnknownWordIsOneLineNamingTheNearestRulesAndKinds() {
        CliTest.Run typo = run("explain", "MAU-THRESHLD");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("canship: unknown rule or kind 'MAU-THRESHLD'; nearest: MAU-THRESHOLD ('canship explain' lists the rules)");
        CliTest.Run part = run("explain", "notice");
        assertThat(part.err().strip().lines()).hasSize(1);
        assertThat(part.err()).contains("nearest: ").contains("NOTICE-FILE").contains("NOTICE_FILE").doesNotContain("at dev.canship");
        assertThat(run("explain", "zzzz").err().strip()).isEqualTo("canship: unknown rule or kind 'zzzz' ('canship explain' lists the rules)");
    }
}
