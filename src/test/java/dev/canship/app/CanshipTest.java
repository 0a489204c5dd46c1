package dev.canship.app;

import dev.canship.BadInputException;
import dev.canship.deployment.Deployment;
import dev.canship.finding.Finding;
import dev.canship.finding.Policy;
import dev.canship.finding.Severity;
import dev.canship.report.RepositoryReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application core as a server or build plugin would call it: typed requests in, typed reports out. */
class CanshipTest {

    private static final Path SCOUT = Path.of("samples/repos/llama4-scout-instruct");
    private static final Path MEGACORP = Path.of("samples/deployments/megacorp-finetune-fail.yaml");
    private static final Path US_PASS = Path.of("samples/deployments/us-assistant-pass.yaml");

    private static Clock on(String day) {
        return Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC);
    }

    @Test
    void aCheckReturnsTypedReportsWithTheFindingsOfTheDeployment() {
        Canship canship = Canship.builder().build();
        Deployment d = canship.readDeployment(MEGACORP);
        List<RepositoryReport> reports = canship.check(CheckRequest.of(SCOUT, d, MEGACORP.toString()));
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.isCheck()).isTrue();
            assertThat(r.identification().license().id()).isEqualTo("llama4");
            assertThat(r.findings()).extracting(Finding::rule).contains("MAU-THRESHOLD", "DERIVATIVE-NAMING");
            assertThat(r.model().details()).as("typed model facts").isNotNull();
            assertThat(r.model().details().totalParams()).isGreaterThan(100_000_000_000L);
        });
        assertThat(Gate.ERRORS.fails(reports)).isTrue();
        assertThat(Gate.NEVER.fails(reports)).isFalse();
    }

    @Test
    void severalRepositoriesComeBackInTheOrderGiven() {
        Canship canship = Canship.builder().build();
        Deployment d = canship.readDeployment(US_PASS);
        List<Path> repos = List.of(Path.of("samples/repos/qwen3-30b-a3b"), SCOUT, Path.of("samples/repos/gemma-3-27b-it"));
        List<RepositoryReport> reports = canship.check(new CheckRequest(repos, d, US_PASS.toString(), Policy.NONE));
        assertThat(reports).extracting(RepositoryReport::name).containsExactly("qwen3-30b-a3b", "llama4-scout-instruct", "gemma-3-27b-it");
    }

    @Test
    void theClockDecidesWhetherAWaiverStillWaives(@TempDir Path dir) throws IOException {
        Path policyFile = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                waivers:
                  - rule: MAU-THRESHOLD
                    reason: separate-license
                    comment: licensed by Meta until mid-2026
                    expires: 2026-06-30
                """);
        Canship march = Canship.builder().clock(on("2026-03-14")).build();
        Canship july = Canship.builder().clock(on("2026-07-01")).build();
        Deployment d = march.readDeployment(MEGACORP);
        Policy policy = march.readPolicy(policyFile);
        Finding inMarch = mau(march.check(new CheckRequest(List.of(SCOUT), d, "megacorp.yaml", policy)));
        Finding inJuly = mau(july.check(new CheckRequest(List.of(SCOUT), d, "megacorp.yaml", policy)));
        assertThat(inMarch.waived()).isTrue();
        assertThat(inJuly.waived()).isFalse();
        assertThat(inJuly.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void aScanHasNoFindingsAndNoDeployment() {
        RepositoryReport r = Canship.builder().build().scan(SCOUT);
        assertThat(r.isCheck()).isFalse();
        assertThat(r.findings()).isEmpty();
        assertThat(r.identification().license().id()).isEqualTo("llama4");
    }

    @Test
    void progressIsToldOfEveryRepositoryOfABatch() {
        int[] seen = {0, 0};
        Progress p = new Progress() {
            @Override
            public synchronized void done(int done, int total) {
                seen[0] = Math.max(seen[0], done);
                seen[1] = total;
            }
        };
        Canship.builder().progress(p).build().scan(List.of(SCOUT, Path.of("samples/repos/gpt-oss-20b")));
        assertThat(seen).containsExactly(2, 2);
    }

    @Test
    void badRequestsAreRefusedAtTheBoundary(@TempDir Path dir) {
        Canship canship = Canship.builder().build();
        Deployment d = canship.readDeployment(US_PASS);
        assertThatThrownBy(() -> new CheckRequest(List.of(), d, "x", Policy.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a check needs at least one repository");
        assertThatThrownBy(() -> canship.readDeployment(dir.resolve("missing.yaml"))).isInstanceOf(BadInputException.class);
    }

    private static Finding mau(List<RepositoryReport> reports) {
        return reports.get(0).findings().stream().filter(f -> f.rule().equals("MAU-THRESHOLD")).findFirst().orElseThrow();
    }
}
