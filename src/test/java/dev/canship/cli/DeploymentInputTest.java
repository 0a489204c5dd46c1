package dev.canship.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Where a deployment description comes from: standard input with {@code -d -}; a folder or a pipe is named for what it is. */
class DeploymentInputTest {

    static CliTest.Run runWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(stdin), new PrintWriter(out), new PrintWriter(err));
        return new CliTest.Run(code, out.toString(), err.toString());
    }

    @Test
    void aDescriptionOnStandardInputIsCheckedLikeAFile() throws Exception {
        byte[] yaml = Files.readAllBytes(Path.of("samples/deployments/us-assistant-pass.yaml"));
        CliTest.Run r = runWithInput(yaml, "check", CliTest.SCOUT, "-d", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("PASS: ").contains("deployment: standard input");
        byte[] failing = Files.readAllBytes(Path.of("samples/deployments/megacorp-finetune-fail.yaml"));
        assertThat(runWithInput(failing, "check", CliTest.SCOUT, "-d", "-").exit()).isEqualTo(1);
    }

    @Test
    void mistakesOnStandardInputNameItAndTheLine() throws Exception {
        byte[] yaml = Files.readAllBytes(Path.of("samples/deployments/malformed.yaml"));
        CliTest.Run r = runWithInput(yaml, "check", CliTest.SCOUT, "-d", "-");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith("canship: standard input:8: model.relase_name: unknown field");
        CliTest.Run big = runWithInput(new byte[(1 << 20) + 10], "check", CliTest.SCOUT, "-d", "-");
        assertThat(big.err()).contains("standard input: deployment description larger than 1 MiB");
    }

    @Test
    void aFolderGivenAsTheDeploymentSaysSo() {
        CliTest.Run r = CliTest.run("check", CliTest.SCOUT, "-d", "samples/deployments");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .startsWith("canship: samples/deployments: is a folder, not a deployment description");
    }

    @Test
    void aPipeOrDeviceGivenAsTheDeploymentSaysSo(@TempDir Path dir) throws Exception {
        Path dev = Path.of("/dev/null");
        assumeThat(Files.exists(dev)).as("needs /dev/null (a device file)").isTrue();
        CliTest.Run r = CliTest.run("check", CliTest.SCOUT, "-d", dev.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("/dev/null: is not a regular file (a pipe, socket or device); pass -d - ");
        CliTest.Run missing = CliTest.run("check", CliTest.SCOUT, "-d", dir.resolve("none.yaml").toString());
        assertThat(missing.err()).contains("deployment description not found (write one with 'canship init')");
    }
}
