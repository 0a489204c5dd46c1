package dev.canship.hostile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Deployment descriptions with values that would silently mean something else: each is one line and exit 2. */
class HostileDeploymentTest {

    private static Hostile.Run check(Path dir, String yaml) throws IOException {
        Path repo = Hostile.repo(dir);
        Path d = Files.writeString(dir.resolve("deploy.yaml"), yaml);
        return Hostile.run("check", repo.toString(), "-d", d.toString(), "--format", "json");
    }

    private static final String BASE = "canship: 1\norganization:\n  country: US\n  monthly_active_users: 10\n"
            + "model:\n  distribution: hosted\n";

    @Test
    void badCountriesFractionalUsersSecondDocumentsAndNegativeMemoryAreOneLineUsageErrors(@TempDir Path dir) throws IOException {
        String[][] cases = {
                {BASE.replace("US", "UK"), "deploy.yaml:3: organization.country: 'UK' is not an ISO 3166-1 alpha-2 country code; write GB"},
                {BASE.replace("US", "EU"), "deploy.yaml:3: organization.country: 'EU' is not"},
                {BASE.replace(": 10", ": 10.5"), "deploy.yaml:4: organization.monthly_active_users: expected a whole number in digits only"},
                {BASE + "---\ncanship: 1\n", "deploy.yaml:8: a second YAML document starts here"},
                {BASE + "hardware:\n  memory_gib: -1\n  bandwidth_gbps: 10\n", "deploy.yaml:8: hardware.memory_gib: must be a positive number"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path sub = Files.createDirectories(dir.resolve("c" + i++));
            Hostile.Run r = check(sub, c[0]);
            assertThat(r.exit()).as(c[1]).isEqualTo(2);
            assertThat(r.err().strip()).as(c[1]).contains(c[1]).doesNotContain("\n");
        }
    }
}
