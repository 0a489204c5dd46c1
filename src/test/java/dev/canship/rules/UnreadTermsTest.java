package dev.canship.rules;

import dev.canship.finding.Finding;
import dev.canship.identify.Identification;
import dev.canship.identify.LicenseMatch;
import dev.canship.identify.LicenseTerms;
import dev.canship.report.Verdict;
import dev.canship.rules.facts.OrgPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A governing license canship holds no terms for is a blocking review until the policy accepts it by name. */
class UnreadTermsTest {

    private static List<Finding> run(OrgPolicy policy) throws Exception {
        LicenseMatch match = new LicenseMatch("odd-license", "1", "license", "text", "LICENSE", 1, 1.0, false, List.of());
        Identification id = new Identification(List.of(match), match, null, LicenseTerms.NONE, List.of(), List.of());
        RuleInput input = new FactAssembler(Scenario.KB).assemble("odd-repo", id, true, false, null, null,
                Scenario.under("mit").deployment(), "deployment.yaml", policy);
        return Scenario.ENGINE.evaluate(input);
    }

    @Test
    void aLicenseWithoutTermsIsABlockingReview() throws Exception {
        List<Finding> f = run(new OrgPolicy(Set.of(), Set.of()));
        assertThat(f).extracting(Finding::rule).containsExactly("LICENSE-UNREAD");
        assertThat(Verdict.of(f)).isEqualTo(Verdict.REVIEW);
        assertThat(Verdict.of(f).machine()).isEqualTo("review");
        assertThat(Verdict.blockingReview(f.get(0))).isTrue();
    }

    /** Identification already named the license as unknown (with its file and link): one blocking review, not two. */
    @Test
    void aLicenseIdentificationReportedAsUnknownIsNotReportedTwice() throws Exception {
        LicenseMatch match = new LicenseMatch("odd-license", null, "license", "metadata", "README.md (license_name)", 3, 1.0, false, List.of());
        var unknown = new dev.canship.identify.IdentificationIssue(dev.canship.identify.IdentificationIssue.Kind.UNKNOWN, List.of("odd-license"),
                "README.md (license_name) names the license \"odd-license\", which canship does not know",
                List.of(new dev.canship.identify.IdentificationIssue.FileLine("README.md", 3)));
        Identification id = new Identification(List.of(match), match, null, LicenseTerms.NONE, List.of(), List.of(unknown));
        RuleInput input = new FactAssembler(Scenario.KB).assemble("odd-repo", id, false, false, null, null,
                Scenario.under("mit").deployment(), "deployment.yaml", new OrgPolicy(Set.of(), Set.of()));
        List<Finding> f = Scenario.ENGINE.evaluate(input);
        assertThat(f).extracting(Finding::rule).containsExactly("LICENSE-UNKNOWN");
        assertThat(Verdict.blockingReview(f.get(0))).isTrue();
    }

    @Test
    void namingItInLicensesAllowAcceptsIt() throws Exception {
        assertThat(run(new OrgPolicy(Set.of("odd-license"), Set.of()))).isEmpty();
        // Allowing other licenses does not accept this one.
        assertThat(run(new OrgPolicy(Set.of("mit"), Set.of()))).extracting(Finding::rule).containsExactly("LICENSE-UNREAD");
    }
}
