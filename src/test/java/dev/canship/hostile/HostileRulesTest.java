package dev.canship.hostile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code --rules DIR} is code run inside canship: its folder is read only as regular files of bounded size, and a
 * rule that throws or loops at run time is that rule's error (exit 2 naming it), never canship's (exit 3).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileRulesTest {

    private static final String HEADER = """
            package acme.rules;
            import dev.canship.rules.facts.*;
            global dev.canship.rules.FindingSink findings;
            """;

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    private static Hostile.Run check(Path repo, Path rules) {
        return Hostile.run("check", repo.toString(), "-d", Hostile.DEPLOYMENT, "--rules", rules.toString());
    }

    private static void assertOneLineExit2(Hostile.Run r, String... contains) {
        assertThat(r.exit()).as("exit; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("canship: ").contains(contains);
    }

    @Test
    void aRuleThatThrowsAtRunTimeIsExit2NamingIt(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("org.drl"), HEADER + """
                rule "ACME-DIVIDES-BY-ZERO"
                when
                    ModelOffer()
                then
                    int zero = 0;
                    System.out.println(1 / zero);
                end
                """);
        assertOneLineExit2(check(repo, rules), "ACME-DIVIDES-BY-ZERO", "failed at run time", "ArithmeticException");
    }

    @Test
    void aRuleThatLoopsIsExit2(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("loop.drl"), HEADER + """
                rule "ACME-LOOPS"
                when
                    $o : ModelOffer()
                then
                    update($o);
                end
                """);
        assertOneLineExit2(check(repo, rules), "a rule loops");
    }

    @Test
    void symlinkedFifoAndOversizedRuleFilesAreRefused(@TempDir Path dir) throws Exception {
        Path repo = Hostile.repo(dir);
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "password=hunter2");
        Files.createSymbolicLink(rules.resolve("a.drl"), secret);
        Hostile.Run link = check(repo, rules);
        assertOneLineExit2(link, "a.drl", "symlink");
        assertThat(link.err()).doesNotContain("hunter2");
        Files.delete(rules.resolve("a.drl"));

        Process p = new ProcessBuilder("mkfifo", rules.resolve("b.drl").toString()).start();
        assumeThat(p.waitFor()).as("mkfifo available").isZero();
        assertOneLineExit2(check(repo, rules), "b.drl", "not a regular file");
        Files.delete(rules.resolve("b.drl"));

        try (RandomAccessFile f = new RandomAccessFile(rules.resolve("c.drl").toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        assertOneLineExit2(check(repo, rules), "c.drl", "larger than 1048576 bytes");
        Files.delete(rules.resolve("c.drl"));

        for (int i = 0; i < 201; i++) {
            Files.writeString(rules.resolve(String.format("r%03d.drl", i)), "package acme.rules;\n");
        }
        assertOneLineExit2(check(repo, rules), "more than 200 .drl files");
    }
}
