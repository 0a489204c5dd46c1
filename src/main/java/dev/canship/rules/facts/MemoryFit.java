package dev.canship.rules.facts;

/**
 * The fit of the model on the declared hardware.
 *
 * @param accelerator   accelerator id (or "custom")
 * @param count         accelerators declared
 * @param precision     weight precision
 * @param totalBytes    memory needed
 * @param availableBytes memory available across the declared accelerators
 * @param fits          needed fits in available
 * @param headroom      (available - needed) / available
 * @param needed        smallest count that fits, or -1
 */
public record MemoryFit(String accelerator, int count, String precision, long totalBytes, long availableBytes, boolean fits, double headroom, int needed) {
}
