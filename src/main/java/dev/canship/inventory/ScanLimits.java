package dev.canship.inventory;

/**
 * Bounds on how much of a repository canship will walk and read. A repository is untrusted input:
 * every reader takes its bound from here, and reaching one is reported, never silently ignored.
 *
 * @param maxFiles         files listed per repository
 * @param maxDepth         folder depth below the root
 * @param maxTextBytes     bytes read from one text file (license, card, policy)
 * @param maxConfigBytes   bytes read from one JSON file (config, index)
 * @param maxHeaderBytes   bytes of a weights header (safetensors JSON, GGUF metadata)
 * @param maxYamlAliases   aliases allowed in a card's front matter (no billion laughs)
 * @param maxNestingDepth  nesting depth of JSON and YAML documents
 * @param parseMillis      time one Tika parse may take
 */
public record ScanLimits(
        int maxFiles,
        int maxDepth,
        long maxTextBytes,
        long maxConfigBytes,
        long maxHeaderBytes,
        int maxYamlAliases,
        int maxNestingDepth,
        long parseMillis) {

    public static final ScanLimits DEFAULTS = new ScanLimits(
            10_000, 12, 4L << 20, 16L << 20, 100L << 20, 50, 64, 10_000);

    public ScanLimits {
        if (maxFiles < 1 || maxDepth < 1 || maxTextBytes < 1024 || maxConfigBytes < 1024 || maxHeaderBytes < 1024
                || maxYamlAliases < 0 || maxNestingDepth < 4 || parseMillis < 100) {
            throw new IllegalArgumentException("scan limits out of range");
        }
    }
}
