package dev.canship.fit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One accelerator model with its published memory and bandwidth.
 *
 * @param id                    catalogue id ({@code h100-sxm})
 * @param name                  marketing name
 * @param vendor                {@code nvidia}, {@code amd}, {@code apple}, or {@code custom}
 * @param memoryGb              published capacity in GB
 * @param memoryBytes           capacity in bytes (published GB read as GiB, see accelerators.yaml)
 * @param bandwidthGbps         peak memory bandwidth, GB/s
 * @param unifiedMemoryGpuShare for unified-memory machines, the share the GPU may use; null means 1.0
 * @param published             the vendor figures this entry rests on
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Accelerator(String id, String name, String vendor, double memoryGb, long memoryBytes,
                          double bandwidthGbps, Double unifiedMemoryGpuShare, String published) {

    /** Memory a model may use on one device: all of it, or the GPU share of unified memory. */
    public long usableBytes() {
        double share = unifiedMemoryGpuShare == null ? 1.0 : unifiedMemoryGpuShare;
        return (long) Math.floor(memoryBytes * share);
    }

    /** A user-described device (memory in bytes, bandwidth in GB/s). */
    public static Accelerator custom(long memoryBytes, double bandwidthGbps) {
        return new Accelerator("custom", "custom accelerator", "custom", memoryBytes / 1e9, memoryBytes,
                bandwidthGbps, null, "given by the user");
    }

    /** Whether memory is shared with the CPU (Apple silicon): expert offload then gains nothing. */
    public boolean unifiedMemory() {
        return unifiedMemoryGpuShare != null;
    }
}
