package dev.canship.report;

import dev.canship.cli.TestReports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.canship.report.ObligationChecklist.Status.MET;
import static dev.canship.report.ObligationChecklist.Status.NOT_APPLICABLE;
import static dev.canship.report.ObligationChecklist.Status.NOT_MET;
import static dev.canship.report.ObligationChecklist.Status.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

/** Each obligation of the governing license against the samples' deployments. */
class ObligationChecklistTest {

    static final Path SCOUT = Path.of("samples/repos/llama4-scout-instruct");
    static final Path QWEN = Path.of("samples/repos/qwen3-30b-a3b");

    static Map<String, ObligationChecklist.Status> statuses(Path repo, String deployment) {
        List<ObligationChecklist.Item> items = ObligationChecklist.of(TestReports.check(repo, Path.of("samples/deployments", deployment)));
        return items.stream().collect(Collectors.toMap(ObligationChecklist.Item::term, ObligationChecklist.Item::status));
    }

    @Test
    void handingOutWeightsWithoutNoticeLicenseCopyOrAttributionFailsThoseAndNothingElse() {
        Map<String, ObligationChecklist.Status> s = statuses(SCOUT, "weights-release-fail.yaml");
        assertThat(s).containsEntry("notice", NOT_MET).containsEntry("license_copy", NOT_MET).containsEntry("attribution", NOT_MET)
                .containsEntry("name_prefix", NOT_MET)
                .containsEntry("mau", MET).containsEntry("trademark", MET).containsEntry("territorial", MET)
                .containsEntry("use_policy", REVIEW);
        // Llama 4 does not forbid output training: it is no obligation, so it is not listed.
        assertThat(s).doesNotContainKey("output_training");
    }

    @Test
    void aHostedServiceHandsOutNoCopiesSoNoticeAndLicenseCopyDoNotApply() {
        Map<String, ObligationChecklist.Status> s = statuses(SCOUT, "us-assistant-pass.yaml");
        assertThat(s).containsEntry("notice", NOT_APPLICABLE).containsEntry("license_copy", NOT_APPLICABLE)
                .containsEntry("name_prefix", NOT_APPLICABLE).containsEntry("attribution", MET).containsEntry("mau", MET);
    }

    @Test
    void theMauAndEuTermsFailWhereTheRulesSaySo() {
        assertThat(statuses(SCOUT, "megacorp-finetune-fail.yaml")).containsEntry("mau", NOT_MET).containsEntry("name_prefix", NOT_MET);
        assertThat(statuses(SCOUT, "eu-startup-multimodal.yaml")).containsEntry("territorial", NOT_MET);
    }

    @Test
    void everyItemSaysWhyAndAPermissiveLicenseHasFewDuties() {
        List<ObligationChecklist.Item> items = ObligationChecklist.of(TestReports.check(SCOUT, Path.of("samples/deployments/us-assistant-pass.yaml")));
        assertThat(items).allSatisfy(i -> {
            assertThat(i.obligation()).isNotBlank();
            assertThat(i.note()).isNotBlank();
            assertThat(i.clause()).isNotBlank();
        });
        assertThat(items.stream().filter(i -> i.term().equals("notice")).findFirst().orElseThrow().note())
                .isEqualTo("no copies of the weights are handed to others");
        assertThat(statuses(QWEN, "us-assistant-pass.yaml")).doesNotContainKeys("mau", "name_prefix", "territorial");
        assertThat(ObligationChecklist.of(TestReports.scan(SCOUT))).isEmpty();
    }

    /** A term whose fields the deployment left out is "not declared", never "met": a default is not evidence. */
    @Test
    void whatWasNotDeclaredIsNotMet(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path d = java.nio.file.Files.writeString(dir.resolve("minimal.yaml"), """
                canship: 1
                organization: {name: Acme Inc., country: US, monthly_active_users: 1000}
                model: {distribution: internal}
                """);
        Map<String, ObligationChecklist.Status> s = ObligationChecklist.of(TestReports.check(SCOUT, d)).stream()
                .collect(Collectors.toMap(ObligationChecklist.Item::term, ObligationChecklist.Item::status));
        assertThat(s).containsEntry("trademark", ObligationChecklist.Status.NOT_DECLARED)
                .containsEntry("output_derivative", ObligationChecklist.Status.NOT_DECLARED)
                .containsEntry("notice", NOT_APPLICABLE)
                .containsEntry("mau", MET);
        // No use named under a use policy is a review (USES-UNDECLARED): no default can stand in for what the product does.
        assertThat(s).containsEntry("use_policy", REVIEW);
        assertThat(ObligationChecklist.of(TestReports.check(SCOUT, d)).stream().filter(i -> i.term().equals("use_policy")).findFirst().orElseThrow().note())
                .isEqualTo("finding: USES-UNDECLARED");
    }
}
