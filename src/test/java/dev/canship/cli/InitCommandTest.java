package dev.canship.cli;

import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.deployment.Distribution;
import dev.canship.identify.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@code canship init} driven as a pipeline drives it: answers on standard input, or flags; then {@code check} on its file. */
class InitCommandTest {

    static CliTest.Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out), new PrintWriter(err));
        return new CliTest.Run(code, out.toString(), err.toString());
    }

    static Deployment read(Path file) {
        return new DeploymentReader(KnowledgeBase.bundled().uses().keySet()).read(file);
    }

    @Test
    void answersOnStandardInputWriteADescriptionThatCheckReads(@TempDir Path dir) {
        Path file = dir.resolve("deploy.yaml");
        // One answer a line in question order; empty lines take the defaults.
        String answers = String.join("\n", "Acme Inc.", "us", "12,000,000", "", "", "", "", "text", "about", "yes", "yes", "yes",
                "chatbot", "US", "", "") + "\n";
        CliTest.Run r = run(answers, "init", "-o", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("wrote " + file);
        Deployment d = read(file);
        assertThat(d.organization().name()).isEqualTo("Acme Inc.");
        assertThat(d.organization().country()).isEqualTo("US");
        assertThat(d.organization().monthlyActiveUsers()).isEqualTo(12_000_000L);
        assertThat(d.model().distribution()).isEqualTo(Distribution.HOSTED);
        assertThat(d.product().commercial()).isTrue();
        assertThat(d.product().uses()).containsExactly("chatbot");
        assertThat(d.product().purpose()).isEqualTo("production");

        CliTest.Run check = CliTest.run("check", CliTest.SCOUT, "-d", file.toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).startsWith("PASS: ");
    }

    @Test
    void outputTrainingGuardrailsAndTheAcceleratorCountAreAsked(@TempDir Path dir) {
        Path file = dir.resolve("deploy.yaml");
        String answers = String.join("\n", "Acme Health GmbH", "DE", "2000000", "", "", "Llama-Acme-Assist", "fine-tune", "", "ui", "", "", "",
                "customer_support", "", "", "yes", "no", "h100-sxm", "2") + "\n";
        CliTest.Run r = run(answers, "init", "-o", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Deployment d = read(file);
        assertThat(d.model().outputsTrainModels()).as("a yes the trial user could not give before").isTrue();
        assertThat(d.model().removesGuardrails()).isFalse();
        assertThat(d.hardware().accelerator()).isEqualTo("h100-sxm");
        assertThat(d.hardware().count()).as("two GPUs, not the default one").isEqualTo(2);

        CliTest.Run noAccelerator = run("", "init", "-o", dir.resolve("x.yaml").toString(), "--country", "DE", "--users", "2M", "--count", "2");
        assertThat(noAccelerator.exit()).isEqualTo(2);
        assertThat(noAccelerator.err().strip()).isEqualTo("canship: --count: a count of accelerators needs an accelerator; "
                + "name one (e.g. h100-sxm) or leave the count out");
    }

    @Test
    void flagsWriteTheSameDescriptionAndCheckFindsTheEuMultimodalTerm(@TempDir Path dir) {
        Path file = dir.resolve("deploy.yaml");
        CliTest.Run r = run("", "init", "-o", file.toString(), "--organization", "Acme Robotics GmbH", "--country", "DE", "--users", "40k",
                "--uses", "customer_support", "--regions", "EU", "--attribution", "ui", "--ships-license-copy", "yes",
                "--ships-notice", "yes", "--passes-use-policy", "yes");
        assertThat(r.exit()).as(r.err()).isZero();
        Deployment d = read(file);
        assertThat(d.organization().monthlyActiveUsers()).isEqualTo(40_000L);
        assertThat(d.product().regions()).containsExactly("EU");
        assertThat(d.hardware()).isNull();

        // The same as samples/deployments/eu-startup-multimodal.yaml: Llama 4 withholds multimodal rights in the EU.
        CliTest.Run check = CliTest.run("check", CliTest.SCOUT, "-d", file.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).startsWith("FAIL: ");
    }

    @Test
    void aUseWrittenInWordsIsItsIdAndAMisspelledOneSuggestsTheId(@TempDir Path dir) {
        Path file = dir.resolve("d.yaml");
        assertThat(run("", "init", "-o", file.toString(), "--country", "DE", "--users", "5M", "--uses", "customer support, code-generation").exit()).isZero();
        assertThat(read(file).product().uses()).containsExactly("customer_support", "code_generation");
        CliTest.Run typo = run("", "init", "-o", dir.resolve("e.yaml").toString(), "--country", "DE", "--users", "5M", "--uses", "customer suport");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("canship: --uses: 'customer suport' is not a use id; did you mean 'customer_support'?; "
                + "'canship uses' lists them with their descriptions");
    }

    /** The disclosure RAIL policies ask for is recorded when answered, and is not assumed when not. */
    @Test
    void disclosureOfMachineGeneratedContentIsRecordedOnlyWhenSaid(@TempDir Path dir) {
        Path file = dir.resolve("d.yaml");
        assertThat(run("", "init", "-o", file.toString(), "--country", "DE", "--users", "5M", "--discloses-machine-generated", "yes").exit()).isZero();
        assertThat(read(file).product().disclosesMachineGenerated()).isTrue();
        assertThat(run("", "init", "-o", dir.resolve("e.yaml").toString(), "--country", "DE", "--users", "5M").exit()).isZero();
        assertThat(read(dir.resolve("e.yaml")).product().disclosesMachineGenerated()).isFalse();
    }

    @Test
    void theProductNameAndAnnualRevenueAreRecordedForTheTermsThatUseThem(@TempDir Path dir) {
        Path file = dir.resolve("d.yaml");
        CliTest.Run r = run("", "init", "-o", file.toString(), "--country", "DE", "--users", "5M", "--product-name", "SupportBot",
                "--annual-revenue", "40M");
        assertThat(r.exit()).as(r.err()).isZero();
        Deployment d = read(file);
        assertThat(d.product().name()).isEqualTo("SupportBot");
        assertThat(d.organization().annualRevenueUsd()).isEqualTo(40_000_000L);
        // Left out, revenue stays undeclared (unknown), never zero.
        assertThat(run("", "init", "-o", dir.resolve("e.yaml").toString(), "--country", "DE", "--users", "5M").exit()).isZero();
        assertThat(read(dir.resolve("e.yaml")).organization().annualRevenueUsd()).isNull();
        assertThat(run("", "init", "-o", dir.resolve("f.yaml").toString(), "--country", "DE", "--users", "5M", "--annual-revenue", "lots").err())
                .contains("--annual-revenue: 'lots' is not an amount of US dollars; write digits such as 40000000, or 40M");
    }

    @Test
    void usesMayBeChosenByTheirNumberInTheList(@TempDir Path dir) {
        Path file = dir.resolve("d.yaml");
        String first = KnowledgeBase.bundled().uses().keySet().iterator().next();
        assertThat(run("", "init", "-o", file.toString(), "--country", "FR", "--users", "1", "--uses", "1").exit()).isZero();
        assertThat(read(file).product().uses()).containsExactly(first);
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.yaml");
        Files.writeString(file, "mine\n");
        CliTest.Run refused = run("", "init", "-o", file.toString(), "--country", "US", "--users", "5");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip().lines()).singleElement().asString().contains("exists; pass --force");
        assertThat(Files.readString(file)).isEqualTo("mine\n");
        assertThat(run("", "init", "-o", file.toString(), "--country", "US", "--users", "5", "--force").exit()).isZero();
        assertThat(read(file).organization().monthlyActiveUsers()).isEqualTo(5L);
    }

    @Test
    void aSymlinkOrAMissingFolderIsNeverWritten(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("real.yaml"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), real);
        assertThat(run("", "init", "-o", link.toString(), "--country", "US", "--users", "5", "--force").err()).contains("symlink");
        assertThat(Files.readString(real)).isEqualTo("x");
        assertThat(run("", "init", "-o", dir.resolve("no/d.yaml").toString(), "--country", "US", "--users", "5").exit()).isEqualTo(2);
    }

    @Test
    void badOrMissingAnswersAreOneLineNamingTheQuestionAndNothingIsWritten(@TempDir Path dir) {
        Path file = dir.resolve("d.yaml");
        CliTest.Run uk = run("Acme\nUK\n", "init", "-o", file.toString());
        assertThat(uk.exit()).isEqualTo(2);
        assertThat(uk.err().strip().lines()).singleElement().asString()
                .isEqualTo("canship: answer 2 (country) on standard input: 'UK' is not an ISO country code; write two letters such as US, DE, GB, FR (GB for the United Kingdom)");
        CliTest.Run noUsers = run("Acme\nDE\n", "init", "-o", file.toString());
        assertThat(noUsers.err()).contains("answer 3 (users) on standard input: has no default and must be answered");
        CliTest.Run half = run("", "init", "-o", file.toString(), "--users", "12.5", "--country", "DE");
        assertThat(half.err()).contains("--users: '12.5' is not a whole number of users");
        CliTest.Run use = run("", "init", "-o", file.toString(), "--users", "1", "--country", "DE", "--uses", "chatting");
        assertThat(use.err()).contains("--uses: 'chatting' is not a use id; 'canship uses' lists them");
        assertThat(file).doesNotExist();
    }

    @Test
    void countsAreReadExactlyInTheWaysPeopleWriteThem() {
        assertThat(InitCommand.count("12000000")).isEqualTo(12_000_000L);
        assertThat(InitCommand.count("12,000,000")).isEqualTo(12_000_000L);
        assertThat(InitCommand.count("12 000 000")).isEqualTo(12_000_000L);
        assertThat(InitCommand.count("12M")).isEqualTo(12_000_000L);
        assertThat(InitCommand.count("1.5k")).isEqualTo(1_500L);
        assertThat(InitCommand.count("0.7B")).isEqualTo(700_000_000L);
        assertThat(InitCommand.count("12_000_000")).isEqualTo(12_000_000L);
    }

    /** A separator must close a group of three: a misplaced one is a typo, never silently another number. */
    @Test
    void aMisplacedSeparatorIsNotACount() {
        for (String typo : new String[] {"1,2345", "1,000,0000", "12,00,000"}) {
            assertThat(catchThrowable(() -> InitCommand.count(typo))).as(typo).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a count of users");
        }
    }
}
