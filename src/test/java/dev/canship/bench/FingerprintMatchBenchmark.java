package dev.canship.bench;

import dev.canship.identify.FingerprintTextMatcher;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.TextMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * License identification once warm: one text against every bundled fingerprint. The texts come from the
 * reference corpus (../shared/corpus or CANSHIP_CORPUS). Divide by the size in KB for the per-KB figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FingerprintMatchBenchmark {

    /** llama31-card: the Llama 3.1 license and use policy together (about 12 KB); llama4: license alone; mit: tiny. */
    @Param({"llama31-card", "llama4", "mit"})
    public String text;

    private TextMatcher matcher;
    private String input;

    @Setup
    public void setup() throws Exception {
        String env = System.getenv("CANSHIP_CORPUS");
        Path corpus = Path.of(env != null ? env : "../shared/corpus").resolve("licenses");
        input = switch (text) {
            case "llama31-card" -> Files.readString(corpus.resolve("llama3.1/LICENSE")) + "\n\n" + Files.readString(corpus.resolve("llama3.1/USE_POLICY.md"));
            case "llama4" -> Files.readString(corpus.resolve("llama4/LICENSE"));
            default -> Files.readString(corpus.resolve("mit/LICENSE-CODE"));
        };
        matcher = FingerprintTextMatcher.bundled(KnowledgeBase.bundled());
        System.out.println("# input: " + text + ", " + input.length() / 1024.0 + " KB");
    }

    @Benchmark
    public List<TextMatcher.TextHit> match() {
        return matcher.match(input);
    }
}
