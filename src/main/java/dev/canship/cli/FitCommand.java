package dev.canship.cli;

import dev.canship.app.Canship;
import dev.canship.report.Untrusted;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canship.BadInputException;
import dev.canship.fit.Accelerator;
import dev.canship.fit.AcceleratorCatalog;
import dev.canship.fit.FitEstimate;
import dev.canship.fit.FitReport;
import dev.canship.fit.FitRequest;
import dev.canship.fit.FitTable;
import dev.canship.fit.HardwareFit;
import dev.canship.fit.KvCacheGroup;
import dev.canship.fit.Precision;
import dev.canship.model.ModelFacts;
import dev.canship.report.RepositoryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code canship fit PATH}: whether the model fits given accelerators. Memory holds every expert; decode
 * speed depends on the active ones; the KV cache is counted per attention layer type.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Estimate the memory a model needs (weights of all experts, KV cache per layer type, runtime overhead), "
                + "whether it fits, and a decode-speed ceiling. Without --accelerator: a table over common accelerators.")
final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    LimitOptions limitOptions = new LimitOptions();

    @Parameters(paramLabel = "PATH", description = "Folder of a downloaded model repository, or hf:ORG/NAME[@REV] on the Hugging Face Hub (config.json and weight headers are read, never the weights).")
    Path path;

    @picocli.CommandLine.Mixin
    HubOptions hubOptions = new HubOptions();

    @Option(names = "--accelerator", paramLabel = "ID", description = "Accelerator id: rtx-3090, rtx-4090, rtx-5090, a100-40gb, a100-80gb, l40s, h100-sxm, h100-pcie, h100-nvl, h200, b200, mi300x, mi325x, m2-ultra, m3-ultra, m4-max.")
    String accelerator;

    @Option(names = "--memory-gib", paramLabel = "GIB", description = "A custom device's memory in GiB (with --bandwidth-gbps).")
    Double memoryGib;

    @Option(names = "--bandwidth-gbps", paramLabel = "GBPS", description = "A custom device's memory bandwidth in GB/s.")
    Double bandwidthGbps;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Accelerators (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "native",
            description = "native, bf16, fp16, fp8, int8, int4, mxfp4, q8_0, q6_k, q5_k_m, q4_k_m, q3_k_m, q2_k (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--context", paramLabel = "TOKENS", defaultValue = "8192", description = "Context per sequence (default: ${DEFAULT-VALUE}).")
    long context;

    @Option(names = "--sequences", paramLabel = "N", defaultValue = "1", description = "Concurrent sequences, each with its own KV cache (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--offload-experts", description = "Keep routed experts in host memory; the rest stays on the accelerators.")
    boolean offloadExperts;

    @Override
    public Integer call() throws Exception {
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--precision: " + e.getMessage());
        }
        if (count < 1 || context < 1 || sequences < 1) {
            throw new BadInputException("--count, --context and --sequences must be at least 1");
        }
        // Options that would be silently ignored are usage errors: the answer must be for the hardware the user named.
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (accelerator != null && (memoryGib != null || bandwidthGbps != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--memory-gib and --bandwidth-gbps describe a custom device; give them instead of --accelerator, not with it");
        }
        if (accelerator == null && memoryGib == null && parsed.hasMatchedOption("--count")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--count needs --accelerator ID or --memory-gib (the table without them is for one device of each kind)");
        }
        if (accelerator == null && memoryGib == null && offloadExperts) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--offload-experts needs --accelerator ID or --memory-gib (the table without them keeps every weight on the device)");
        }
        output.textOrJson(spec.commandLine());
        output.refuseInside(List.of(path));
        RepositoryReport scan = Canship.builder().limits(limitOptions.limits())
                .hub(hubOptions.hub()).build().scan(path);
        ModelFacts facts = scan.model().details();
        if (facts == null || facts.totalParams() <= 0) {
            throw new BadInputException(path + ": no model facts: the repository has no readable config.json or weight headers");
        }
        if (offloadExperts && !facts.isMoe()) {
            throw new BadInputException(path + ": --offload-experts: this is a dense model (no routed experts), so there is nothing to offload; leave the option out");
        }
        HardwareFit fit = new HardwareFit();
        if (accelerator == null && memoryGib == null) {
            FitTable table = fit.table(facts, p, context, sequences);
            if (output.json()) {
                ObjectNode root = LicensesCommand.json().createObjectNode();
                root.set("model", LicensesCommand.json().valueToTree(FitReport.of(facts, table.rows().get(0).single()).model()));
                root.set("table", LicensesCommand.json().valueToTree(table));
                output.emit(LicensesCommand.json().writeValueAsString(root) + "\n", spec.commandLine().getOut());
            } else {
                output.emit(renderTable(scan.name(), facts, table), spec.commandLine().getOut());
            }
            return ExitCodes.CLEAN;
        }
        FitRequest req;
        if (accelerator != null) {
            if (AcceleratorCatalog.bundled().byId(accelerator).isEmpty()) {
                throw new BadInputException("--accelerator: unknown accelerator '" + accelerator + "' (known: "
                        + AcceleratorCatalog.bundled().all().stream().map(Accelerator::id).collect(Collectors.joining(", ")) + ")");
            }
            req = FitRequest.of(accelerator, count, p, context);
        } else {
            if (bandwidthGbps == null) {
                throw new BadInputException("--memory-gib needs --bandwidth-gbps");
            }
            if (!(memoryGib > 0 && memoryGib <= 1e9)) {
                throw new BadInputException("--memory-gib " + memoryGib + ": must be a positive number of GiB, e.g. --memory-gib 80");
            }
            if (!(bandwidthGbps > 0 && bandwidthGbps <= 1e9)) {
                throw new BadInputException("--bandwidth-gbps " + bandwidthGbps + ": must be a positive number of GB/s, e.g. --bandwidth-gbps 3350");
            }
            req = FitRequest.custom((long) (memoryGib * (1L << 30)), bandwidthGbps, count, p, context);
        }
        FitEstimate e = fit.estimate(facts, req.withSequences(sequences).withOffloadExperts(offloadExperts));
        if (output.json()) {
            ObjectNode root = LicensesCommand.json().valueToTree(FitReport.of(facts, e));
            root.set("estimate", LicensesCommand.json().valueToTree(e));
            output.emit(LicensesCommand.json().writeValueAsString(root) + "\n", spec.commandLine().getOut());
        } else {
            output.emit(renderEstimate(scan.name(), facts, e), spec.commandLine().getOut());
        }
        return e.fits() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    static String renderEstimate(String name, ModelFacts f, FitEstimate e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.fits() ? "FITS: " : "DOES NOT FIT: ").append(Untrusted.text(name)).append(" at ").append(e.precision()).append(" on ")
                .append(e.count()).append(" x ").append(e.accelerator()).append(String.format(Locale.ROOT, " (%s of %s", gib(e.totalBytes()), gib(e.availableBytes())));
        sb.append(e.fits() ? String.format(Locale.ROOT, ", %.0f%% headroom)%n", e.headroomFraction() * 100) : ")\n");
        sb.append(header(f));
        sb.append(String.format(Locale.ROOT, "  context:   %,d tokens x %d sequence(s)%n", e.contextTokens(), e.concurrentSequences()));
        sb.append("\nMEMORY\n");
        sb.append(String.format(Locale.ROOT, "  weights    %10s%n", gib(e.weightsBytes())));
        sb.append(String.format(Locale.ROOT, "  KV cache   %10s   (all layers global would be %s)%n", gib(e.kvCacheBytes()), gib(e.kvCacheAllGlobalBytes())));
        for (KvCacheGroup g : e.kvCache()) {
            sb.append(String.format(Locale.ROOT, "    %-9s %3d layers, %,d tokens cached each: %s%n", g.type(), g.layers(), g.tokensCached(), gib(g.bytes())));
        }
        sb.append(String.format(Locale.ROOT, "  overhead   %10s%n", gib(e.overheadBytes())));
        sb.append(String.format(Locale.ROOT, "  total      %10s   of %s available%n", gib(e.totalBytes()), gib(e.availableBytes())));
        if (e.offload() != null) {
            sb.append(String.format(Locale.ROOT, "  offloaded experts: %s on the accelerators, %s in host memory%n", gib(e.offload().gpuBytes()), gib(e.offload().hostBytes())));
        }
        sb.append('\n');
        sb.append(e.acceleratorsNeeded() > 0 ? "  accelerators needed: " + e.acceleratorsNeeded() + "\n" : "  no count of this accelerator fits\n");
        if (e.decodeTokensPerSecondMax() != null) {
            sb.append(String.format(Locale.ROOT, "  decode ceiling: %.0f tokens/s per sequence (%s read per token over memory bandwidth)%n",
                    e.decodeTokensPerSecondMax(), gib(e.activeWeightBytesPerToken())));
        }
        if (!e.notes().isEmpty()) {
            sb.append("\nNOTES\n");
            e.notes().forEach(n -> sb.append("  - ").append(LicensesCommand.wrap(Untrusted.text(n), "    ").strip()).append('\n'));
        }
        return Untrusted.document(sb.toString());
    }

    static String renderTable(String name, ModelFacts f, FitTable t) {
        StringBuilder sb = new StringBuilder(Untrusted.text(name)).append(" at ").append(t.precision()).append(String.format(Locale.ROOT, ", %,d tokens x %d sequence(s)%n", t.contextTokens(), t.concurrentSequences()));
        sb.append(header(f)).append('\n');
        sb.append(String.format(Locale.ROOT, "%-10s %9s %11s %6s %8s %13s%n", "DEVICE", "MEMORY", "NEEDED", "FITS", "NEEDS", "DECODE TOK/S"));
        for (FitTable.Row r : t.rows()) {
            FitEstimate s = r.single();
            FitEstimate at = r.atNeeded() == null ? s : r.atNeeded();
            sb.append(String.format(Locale.ROOT, "%-10s %9s %11s %6s %8s %13s%n", r.accelerator().id(), gib(s.availableBytes()), gib(s.totalBytes()),
                    s.fits() ? "yes" : "no", s.acceleratorsNeeded() > 0 ? s.acceleratorsNeeded() + " x" : "-",
                    at.decodeTokensPerSecondMax() == null ? "-" : String.format(Locale.ROOT, "%.0f", at.decodeTokensPerSecondMax())));
        }
        return Untrusted.document(sb.toString());
    }

    private static String header(ModelFacts f) {
        // Only a mixture-of-experts model has an active count worth reading beside the total.
        boolean moe = f.experts() != null && f.experts() > 1;
        StringBuilder sb = new StringBuilder(moe
                ? String.format(Locale.ROOT, "  model:     %s, %.1fB total / %.1fB active", Untrusted.text(f.architecture()), f.totalParams() / 1e9, f.activeParams() / 1e9)
                : String.format(Locale.ROOT, "  model:     %s, %.1fB total", Untrusted.text(f.architecture()), f.totalParams() / 1e9));
        if (f.experts() != null && f.experts() > 1) {
            sb.append(", ").append(f.experts()).append(" experts").append(f.expertsPerToken() == null ? "" : " (" + f.expertsPerToken() + " per token)");
        }
        sb.append(", native ").append(Untrusted.text(f.nativeDtype())).append('\n');
        return sb.toString();
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
