package dev.canship.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LimitOptionsTest {

    @Test
    void helpListsEveryLimitWithItsDefault() {
        CliTest.Run r = CliTest.run("scan", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--limit=NAME=VALUE").contains("Limits (--limit NAME=VALUE")
                .contains("max-files                      10,000  files listed per repository")
                .contains("max-pickle-bytes").contains("max-zip-ratio");
        assertThat(CliTest.run("check", "--help").out()).contains("max-pickle-ops");
        assertThat(CliTest.run("fit", "--help").out()).contains("max-header-bytes");
    }

    @Test
    void aLimitAppliesToTheRun() {
        CliTest.Run r = CliTest.run("scan", CliTest.SCOUT, "--format", "json", "--limit", "max-files=2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("more than 2 files; the rest were not listed");
    }

    @Test
    void badLimitsAreUsageErrors() {
        CliTest.Run unknown = CliTest.run("scan", CliTest.SCOUT, "--limit", "max-filez=2");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("canship: --limit: unknown limit 'max-filez' (known: max-files, max-depth,");
        CliTest.Run bad = CliTest.run("scan", CliTest.SCOUT, "--limit", "max-files=lots");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("canship: --limit: scan limit max-files: 'lots' is not a whole number");
        CliTest.Run low = CliTest.run("scan", CliTest.SCOUT, "--limit", "max-text-bytes=10");
        assertThat(low.exit()).isEqualTo(2);
        assertThat(low.err()).contains("max-text-bytes must be at least 1024");
    }
}
