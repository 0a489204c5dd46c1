package dev.canship.bench;

import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.finding.Finding;
import dev.canship.identify.Identification;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseMatch;
import dev.canship.rules.FactAssembler;
import dev.canship.rules.RuleEngine;
import dev.canship.rules.RuleInput;
import dev.canship.rules.facts.Model;
import dev.canship.rules.facts.OrgPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Rule evaluation per deployment, once warm: facts assembled and every bundled rule fired in a new session. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvaluationBenchmark {

    private RuleEngine engine;
    private RuleInput input;

    @Setup
    public void setup() throws Exception {
        KnowledgeBase kb = KnowledgeBase.bundled();
        Deployment d = new DeploymentReader(kb.uses().keySet()).read(Path.of("samples/deployments/weights-release-fail.yaml"));
        LicenseMatch m = new LicenseMatch("llama4", "4", "license", "text", "LICENSE", 1, 1.0, false, List.of());
        Identification id = new Identification(List.of(m), m, null, kb.license("llama4").orElseThrow().terms(), List.of("meta-llama/x"), List.of());
        input = new FactAssembler(kb).assemble("bench", id, true, false, new Model("m", "llama4", true, 109_000_000_000L, 17_000_000_000L),
                null, d, "d.yaml", new OrgPolicy(Set.of(), Set.of()));
        engine = RuleEngine.bundled();
    }

    @Benchmark
    public List<Finding> evaluate() {
        return engine.evaluate(input);
    }
}
