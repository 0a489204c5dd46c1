package dev.canship.hostile;

import dev.canship.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Where {@code --output} must not write: through a symlink (a repository, or anyone sharing the folder, could aim
 * it at a file the user can write), into a scanned repository, into a folder it would have to create. And a report
 * that cannot be written (closed standard output, a full disk) is one line and exit 2, never a silent success.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileOutputFileTest {

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    private static void assertOneLineExit2(Hostile.Run r, String contains) {
        assertThat(r.exit()).as("exit; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("canship: ").contains(contains);
    }

    @Test
    void anOutputThatIsASymlinkIsRefusedAndItsTargetUntouched(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("report.txt"), victim);
        Hostile.Run r = Hostile.run("scan", repo.toString(), "--output", link.toString());
        assertOneLineExit2(r, "symlink");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        // A dangling symlink too: following it would create the file it names.
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("created-elsewhere.txt"));
        assertOneLineExit2(Hostile.run("check", repo.toString(), "-d", Hostile.DEPLOYMENT, "-o", dangling.toString()), "symlink");
        assertThat(dir.resolve("created-elsewhere.txt")).doesNotExist();
    }

    @Test
    void anOutputInsideTheScannedRepositoryIsRefused(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        assertOneLineExit2(Hostile.run("scan", repo.toString(), "--output", repo.resolve("LICENSE").toString()), "inside the scanned repository");
        assertThat(repo.resolve("LICENSE")).doesNotExist();
        Files.createDirectories(repo.resolve("sub"));
        Path viaLink = Files.createSymbolicLink(dir.resolve("into-repo"), repo.resolve("sub"));
        assertOneLineExit2(Hostile.run("check", repo.toString(), "-d", Hostile.DEPLOYMENT, "-o", viaLink.resolve("r.json").toString()),
                "inside the scanned repository");
        assertOneLineExit2(Hostile.run("fit", repo.toString(), "-o", repo.resolve("fit.txt").toString()), "inside the scanned repository");
        assertThat(repo.resolve("sub/r.json")).doesNotExist();
        assertThat(repo.resolve("fit.txt")).doesNotExist();
    }

    @Test
    void aMissingOutputFolderIsAUsageErrorAndIsNotCreated(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path out = dir.resolve("no/such/folder/report.txt");
        assertOneLineExit2(Hostile.run("scan", repo.toString(), "--output", out.toString()), "does not exist");
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void anOutputIsReplacedAtomicallyWithNoTemporaryFileLeft(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path out = Files.writeString(outDir.resolve("report.json"), "old report");
        Hostile.Run r = Hostile.run("scan", repo.toString(), "--format", "json", "--output", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(out)).startsWith("{").contains("\"schema\"");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .as("the replaced file's permissions, not the temporary file's owner-only ones").isEqualTo("rw-r--r--");
        try (Stream<Path> s = Files.list(outDir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
        Path dirAsOutput = Files.createDirectories(dir.resolve("a-folder"));
        assertOneLineExit2(Hostile.run("scan", repo.toString(), "--output", dirAsOutput.toString()), "not a regular file");
    }

    @Test
    void aClosedStandardOutputIsExit2WithOneLine(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Writer closed = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close() {
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"scan", repo.toString()}, new PrintWriter(closed), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1).first().asString().contains("standard output: cannot write the report");
    }

    @Test
    void aFullDiskIsExit2WithOneLine(@TempDir Path dir) throws Exception {
        assumeThat(new File("/dev/full")).as("/dev/full (Linux) simulates a full disk").exists();
        Path repo = Hostile.repo(dir);
        // A real process, its standard output on /dev/full: every write fails with ENOSPC, as on a full disk.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.canship.cli.Main", "scan", repo.toString())
                .redirectOutput(new File("/dev/full")).redirectErrorStream(false).start();
        assertThat(p.waitFor(18, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("stderr: %s", err).isEqualTo(2);
        assertThat(err.lines().filter(l -> l.startsWith("canship: "))).hasSize(1).first().asString().contains("cannot write the report");
    }
}
