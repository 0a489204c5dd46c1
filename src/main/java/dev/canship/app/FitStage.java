package dev.canship.app;

import dev.canship.BadInputException;
import dev.canship.deployment.Deployment;
import dev.canship.fit.AcceleratorCatalog;
import dev.canship.fit.FitEstimate;
import dev.canship.fit.FitReport;
import dev.canship.fit.FitRequest;
import dev.canship.fit.HardwareFit;
import dev.canship.fit.Precision;
import dev.canship.rules.facts.MemoryFit;

/** Wires the hardware-fit stage for a check: the deployment's hardware section against the model facts. */
final class FitStage {

    /** Made on first use: most checks have no hardware section, and the accelerator catalog costs a YAML read. */
    private volatile HardwareFit fit;

    /** The fit fact for the rules and the estimate for reports; both null without hardware or model facts. */
    record Outcome(MemoryFit fact, FitEstimate estimate) {
        static final Outcome NONE = new Outcome(null, null);
    }

    /** The deployment's hardware section as a fit request; an unknown accelerator or precision is bad input. */
    public static FitRequest request(Deployment d) {
        Deployment.Hardware h = d.hardware();
        Precision precision;
        try {
            precision = Precision.parse(h.precision());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(d.source() + ":" + d.lineOf("hardware.precision") + ": hardware.precision: " + e.getMessage());
        }
        FitRequest req;
        if (h.accelerator() != null) {
            if (AcceleratorCatalog.bundled().byId(h.accelerator()).isEmpty()) {
                throw new BadInputException(d.source() + ":" + d.lineOf("hardware.accelerator") + ": hardware.accelerator: unknown accelerator '"
                        + h.accelerator() + "' (known: " + AcceleratorCatalog.bundled().all().stream().map(dev.canship.fit.Accelerator::id).collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
            req = FitRequest.of(h.accelerator(), h.count(), precision, h.contextTokens());
        } else {
            if (h.bandwidthGbps() == null) {
                throw new BadInputException(d.source() + ":" + d.lineOf("hardware.memory_gib") + ": hardware.bandwidth_gbps: required with memory_gib");
            }
            req = FitRequest.custom((long) (h.memoryGib() * (1L << 30)), h.bandwidthGbps(), h.count(), precision, h.contextTokens());
        }
        return req.withSequences(h.concurrentSequences()).withOffloadExperts(h.offloadExperts());
    }

    Outcome assess(ModelStage.Result model, Deployment deployment) {
        if (deployment.hardware() == null || model.facts() == null || model.facts().totalParams() <= 0) {
            return Outcome.NONE;
        }
        FitEstimate e = fit().estimate(model.facts(), request(deployment));
        MemoryFit fact = new MemoryFit(e.accelerator(), e.count(), e.precision(), e.totalBytes(), e.availableBytes(), e.fits(),
                e.headroomFraction(), e.acceleratorsNeeded());
        return new Outcome(fact, e);
    }

    private HardwareFit fit() {
        HardwareFit f = fit;
        if (f == null) {
            synchronized (this) {
                f = fit;
                if (f == null) {
                    f = new HardwareFit();
                    fit = f;
                }
            }
        }
        return f;
    }

    static FitReport report(ModelStage.Result model, Outcome outcome) {
        return outcome.estimate() == null ? null : FitReport.of(model.facts(), outcome.estimate());
    }
}
