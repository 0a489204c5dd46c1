package dev.canship.deployment;

import dev.canship.BadInputException;
import dev.canship.finding.PolicyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Mistakes people make in deployment and policy files are told in their words: what is wrong, at which line, and how
 * to write it; never a Java type or a library's phrase.
 */
class MistakesInUserWordsTest {

    private static final DeploymentReader READER = new DeploymentReader(Set.of("chatbot", "search"));

    private static String deployment(String users, String uses) {
        return "canship: 1\norganization:\n  country: US\n  monthly_active_users: " + users + "\nmodel:\n  distribution: hosted\nproduct:\n  uses: " + uses + "\n";
    }

    private static String message(String text) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> READER.parse(Path.of("d.yaml"), text));
        assertThat(e).as("no error for:\n" + text).isNotNull();
        assertThat(e.getMessage()).doesNotContain("java.").doesNotContain("`").doesNotContain("Cannot ")
                .doesNotContain("DeploymentReader").doesNotContain("coerce").doesNotContainIgnoringCase("deserialize");
        return e.getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'5,000,000'|5,000,000|write it in digits: monthly_active_users: 5000000",
            "5M|5M|write it in digits: monthly_active_users: 5000000",
            "2.5k|2.5k|write it in digits: monthly_active_users: 2500",
            "1.5|1.5|write it like monthly_active_users: 12000000",
            "true|true|write it like monthly_active_users: 12000000"})
    void aCountWrittenAsPeopleWriteItSaysHowToWriteIt(String users, String found, String how) {
        // A count the user wrote with separators or a suffix comes back in digits, their own number, never a stranger's.
        assertThat(message(deployment(users, "[chatbot]"))).isEqualTo("d.yaml:4: organization.monthly_active_users: expected a whole number in digits only "
                + "(no commas, spaces, decimals or suffixes such as M), found '" + found + "'; " + how);
    }

    @Test
    void aNumberTooLargeSaysSo() {
        assertThat(message(deployment("99999999999999999999999", "[chatbot]")))
                .isEqualTo("d.yaml:4: organization.monthly_active_users: '99999999999999999999999' is too large a number for this field; "
                        + "write it like monthly_active_users: 12000000");
        assertThat(message("canship: 1\norganization: {country: US, monthly_active_users: 1}\nmodel: {distribution: hosted}\nhardware: {count: 99999999999}\n"))
                .isEqualTo("d.yaml:4: hardware.count: '99999999999' is too large a number for this field; write it like count: 2 (between 1 and 4096)");
    }

    @Test
    void aStringOrAnObjectWhereAListBelongsSaysHowToWriteAList() {
        assertThat(message(deployment("1", "chatbot"))).isEqualTo("d.yaml:8: product.uses: expected a list, written [a, b] or as lines starting with '- ', "
                + "found 'chatbot'; write it like uses: [chatbot, search] ('canship uses' lists the ids)");
        assertThat(message(deployment("1", "{chatbot: yes}"))).startsWith("d.yaml:8: product.uses: expected a list").contains("found a group of fields");
        assertThat(message(deployment("1", "[chatbot]").replace("country: US", "country: [US]")))
                .isEqualTo("d.yaml:3: organization.country: expected a single value, found a list; write it like country: US");
        assertThat(message(deployment("1", "[chatbot]").replace("model:\n", "model: 3\n")))
                .startsWith("d.yaml:5: model: expected a group of 'name: value' fields indented below it, found '3'");
    }

    @Test
    void aNumberInQuotesIsNamedAsTextInQuotes() {
        assertThat(message(deployment("\"2000000\"", "[chatbot]")))
                .as("the digits alone would make the message contradict itself")
                .isEqualTo("d.yaml:4: organization.monthly_active_users: expected a whole number in digits only (no commas, spaces, decimals "
                        + "or suffixes such as M), found '2000000' in quotes, which makes it text; remove the quotes; write it like monthly_active_users: 12000000");
        assertThat(message(deployment("'2000000'", "[chatbot]"))).contains("found '2000000' in quotes");
    }

    @Test
    void tabsEmptyFilesAndListsAtTheTopAreExplained() {
        assertThat(message(deployment("1", "[chatbot]").replace("  country", "\tcountry")))
                .as("the line of the tab itself, not of the mapping above it")
                .isEqualTo("d.yaml:3: a tab character indents this line; YAML indents with spaces only (replace each tab with two spaces)");
        assertThat(message("")).startsWith("d.yaml: empty deployment description; start it with 'canship: 1'");
        assertThat(message("# just a comment\n\n")).startsWith("d.yaml: empty deployment description");
        assertThat(message("- a\n- b\n")).startsWith("d.yaml:1: a deployment description is a group of 'name: value' fields");
        assertThat(message("{\"canship\": 1, \"organization\": {\"country\": \"US\", \"monthly_active_users\": \"12,000,000\"}}"))
                .contains("found '12,000,000'");
    }

    private static String policyMessage(Path dir, String text) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.yaml"), text);
        PolicyReader reader = new PolicyReader(Set.of("MAU-THRESHOLD"), Set.of("llama4", "apache-2.0"));
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> reader.read(file));
        assertThat(e).as("no error for:\n" + text).isNotNull();
        assertThat(e.getMessage()).doesNotContain("java.").doesNotContain("`").doesNotContain("Cannot ");
        return e.getMessage().replace(file.toString(), "policy.yaml");
    }

    @Test
    void policyFileErrorsCarryTheirLine(@TempDir Path dir) throws Exception {
        assertThat(policyMessage(dir, "canship_policy: 1\nlicenses:\n  allow: [llama4]\n  deny:\n    - apache-2.0\n    - nosuch\n"))
                .isEqualTo("policy.yaml:6: licenses.deny: unknown license id 'nosuch' (see 'canship licenses')");
        assertThat(policyMessage(dir, "canship_policy: 1\nwaivers:\n  - rule: MAU-THRESHOLD\n    reason: legal-reviewed\n  - rule: NOPE\n    reason: mitigated\n"))
                .isEqualTo("policy.yaml:5: waivers[1].rule: unknown rule 'NOPE' (see 'canship explain' for the list)");
        assertThat(policyMessage(dir, "canship_policy: 1\nseverity:\n  MAU-THRESHOLD: loud\n")).startsWith("policy.yaml:3: severity.MAU-THRESHOLD: ");
        assertThat(policyMessage(dir, "canship_policy: 2\n")).startsWith("policy.yaml:1: canship_policy: must be 1");
        assertThat(policyMessage(dir, "canship_policy: 1\nlicenses:\n  allow: llama4\n"))
                .isEqualTo("policy.yaml:3: licenses.allow: expected a list, written [a, b] or as lines starting with '- ', found 'llama4'");
        assertThat(policyMessage(dir, "canship_policy: 1\nlicenses:\n\tallow: [llama4]\n")).startsWith("policy.yaml:3: a tab character indents this line");
        assertThat(policyMessage(dir, "")).isEqualTo("policy.yaml: empty policy file; start it with 'canship_policy: 1' (see README, Policy file)");
        assertThatThrownBy(() -> new PolicyReader(Set.of(), Set.of()).read(dir)).hasMessageContaining("is a folder, not a policy file");
    }
}
