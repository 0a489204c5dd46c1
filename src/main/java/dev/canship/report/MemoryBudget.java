package dev.canship.report;

import dev.canship.deployment.Deployment;
import dev.canship.fit.Accelerator;
import dev.canship.fit.AcceleratorCatalog;
import dev.canship.fit.FitReport;

import java.util.Locale;
import java.util.Optional;

/**
 * Accelerator memory asked for against memory offered, as the memory chart draws it. The fit report carries
 * what the model needs; what the declared devices offer is read back from the accelerator catalogue the same
 * way the estimate does (usable bytes per device times the count), so the chart needs no change to the fit's
 * JSON contract.
 *
 * @param weightsBytes   resident weights at the deployment's precision
 * @param kvCacheBytes   KV cache for all sequences at full context
 * @param overheadBytes  runtime buffers
 * @param totalBytes     what the model needs on the accelerators
 * @param availableBytes what the declared devices offer, 0 when unknown
 * @param devices        the devices in words ({@code 1 x rtx-4090})
 * @param precision      the weight precision
 * @param contextTokens  context per sequence
 * @param fits           the estimate's verdict
 * @param devicesNeeded  the smallest device count that fits, -1 when none does
 */
public record MemoryBudget(long weightsBytes, long kvCacheBytes, long overheadBytes, long totalBytes, long availableBytes,
                           String devices, String precision, long contextTokens, boolean fits, int devicesNeeded) {

    private static final double GIB = 1L << 30;

    /** The budget of a check that declared hardware and could estimate the fit. */
    public static Optional<MemoryBudget> of(RepositoryReport r) {
        FitReport fit = r.fit();
        if (fit == null || r.deployment() == null || r.deployment().hardware() == null) {
            return Optional.empty();
        }
        Deployment.Hardware h = r.deployment().hardware();
        int count = Math.max(1, h.count());
        Accelerator device = h.accelerator() != null
                ? AcceleratorCatalog.bundled().byId(h.accelerator()).orElse(null)
                : h.memoryGib() == null ? null : Accelerator.custom((long) (h.memoryGib() * GIB), h.bandwidthGbps() == null ? 0 : h.bandwidthGbps());
        long available = device == null ? 0 : device.usableBytes() * count;
        String name = device == null ? "unknown device" : device.id().equals("custom") ? "custom device (" + gib(device.memoryBytes()) + ")" : device.id();
        FitReport.Memory m = fit.memory();
        return Optional.of(new MemoryBudget(m.weightsBytes(), m.kvCacheBytes(), m.overheadBytes(), m.totalBytes(), available,
                count + " \u00d7 " + name, fit.precision(), fit.contextTokens(), fit.fits(), fit.acceleratorsNeeded()));
    }

    /** Bytes as GiB with one decimal, the unit the text report and the fit command use. */
    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }
}
