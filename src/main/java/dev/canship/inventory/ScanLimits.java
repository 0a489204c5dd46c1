package dev.canship.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Bounds on how much of a repository canship will walk and read. A repository is untrusted input:
 * every reader takes its bound from here, and reaching one is reported, never silently ignored.
 * Each bound has a name ({@link Limit}) under which {@code --limit NAME=VALUE} overrides it.
 *
 * @param maxFiles           files listed per repository
 * @param maxDepth           folder depth below the root
 * @param maxTextBytes       bytes read from one text file (license, card, policy)
 * @param maxConfigBytes     bytes read from one JSON file (config, index)
 * @param maxHeaderBytes     bytes of a weights header (safetensors JSON, GGUF metadata, .npy header, zip directory)
 * @param maxYamlAliases     aliases allowed in a card's front matter (no billion laughs)
 * @param maxNestingDepth    nesting depth of JSON and YAML documents
 * @param parseMillis        time one Tika parse may take
 * @param maxTikaChars       characters of text Tika may produce from one document
 * @param maxGgufTensors     tensor count a GGUF header may declare
 * @param maxGgufKv          metadata key-value count a GGUF header may declare
 * @param maxGgufStringBytes length of one GGUF metadata string
 * @param maxZipEntries      entries in a zip checkpoint's central directory
 * @param maxZipRatio        uncompressed to compressed size ratio of a zip entry (zip bombs)
 * @param maxPickleBytes     bytes of pickle read from one file (zip entries and nested pickles included)
 * @param maxPickleOps       pickle opcodes walked in one file
 * @param maxPickleMemo      pickle memo entries (the highest memo index allowed)
 * @param maxPickleStack     pickle stack entries and marks
 * @param maxPickleNesting   pickles nested inside pickles' string operands
 * @param maxShardHeaders    shard headers read from a complete sharded safetensors checkpoint (config.json and its index stand in for the rest)
 * @param parseBudgetMillis  time all PDF, DOCX and RTF parses of one repository may take together (checked before each parse)
 * @param maxDocumentChars   characters of text taken from all documents of one repository together (card, licenses, policies, notices)
 */
public record ScanLimits(
        int maxFiles,
        int maxDepth,
        long maxTextBytes,
        long maxConfigBytes,
        long maxHeaderBytes,
        int maxYamlAliases,
        int maxNestingDepth,
        long parseMillis,
        long maxTikaChars,
        long maxGgufTensors,
        long maxGgufKv,
        long maxGgufStringBytes,
        int maxZipEntries,
        int maxZipRatio,
        long maxPickleBytes,
        long maxPickleOps,
        int maxPickleMemo,
        int maxPickleStack,
        int maxPickleNesting,
        int maxShardHeaders,
        long parseBudgetMillis,
        long maxDocumentChars) {

    /**
     * Every bound by its command-line name, with its default, its smallest allowed value and what it bounds.
     * The order is the order of the record components.
     */
    public enum Limit {
        MAX_FILES("max-files", 10_000, 1, "files listed per repository"),
        MAX_DEPTH("max-depth", 12, 1, "folder depth below the root"),
        MAX_TEXT_BYTES("max-text-bytes", 4L << 20, 1024, "bytes read from one license, card or policy file"),
        MAX_CONFIG_BYTES("max-config-bytes", 16L << 20, 1024, "bytes of one JSON file (config.json, indexes)"),
        MAX_HEADER_BYTES("max-header-bytes", 100L << 20, 1024, "bytes of a weights header (safetensors, GGUF, .npy) or zip directory"),
        MAX_YAML_ALIASES("max-yaml-aliases", 50, 0, "YAML aliases in a card's front matter"),
        MAX_NESTING_DEPTH("max-nesting-depth", 64, 4, "nesting depth of JSON and YAML documents"),
        PARSE_MILLIS("parse-millis", 10_000, 100, "milliseconds one PDF, DOCX or RTF parse may take"),
        MAX_TIKA_CHARS("max-tika-chars", 4L << 20, 1024, "characters of text taken from one PDF, DOCX or RTF"),
        MAX_GGUF_TENSORS("max-gguf-tensors", 1_000_000, 1, "tensors a GGUF header may declare"),
        MAX_GGUF_KV("max-gguf-kv", 1_000_000, 1, "metadata entries a GGUF header may declare"),
        MAX_GGUF_STRING_BYTES("max-gguf-string-bytes", 64L << 20, 1024, "bytes of one GGUF metadata string"),
        MAX_ZIP_ENTRIES("max-zip-entries", 100_000, 1, "entries in a zip checkpoint (.bin, .pt, .pth, .ckpt, .npz)"),
        MAX_ZIP_RATIO("max-zip-ratio", 200, 1, "uncompressed:compressed size ratio of a zip entry"),
        MAX_PICKLE_BYTES("max-pickle-bytes", 64L << 20, 1024, "bytes of pickle read from one file"),
        MAX_PICKLE_OPS("max-pickle-ops", 10_000_000, 1, "pickle opcodes walked in one file"),
        MAX_PICKLE_MEMO("max-pickle-memo", 1_000_000, 1, "pickle memo entries"),
        MAX_PICKLE_STACK("max-pickle-stack", 100_000, 16, "pickle stack entries and marks"),
        MAX_PICKLE_NESTING("max-pickle-nesting", 8, 0, "pickles nested in pickles' byte strings"),
        MAX_SHARD_HEADERS("max-shard-headers", 2, 1, "shard headers read from a complete sharded safetensors checkpoint"),
        // 0 is allowed: no PDF, DOCX or RTF is parsed at all (each is reported unread).
        PARSE_BUDGET_MILLIS("parse-budget-millis", 60_000, 0, "milliseconds all PDF, DOCX and RTF parses of one repository may take together"),
        MAX_DOCUMENT_CHARS("max-document-chars", 32L << 20, 1024, "characters of text taken from all documents of one repository together");

        private final String key;
        private final long defaultValue;
        private final long min;
        private final String meaning;

        Limit(String key, long defaultValue, long min, String meaning) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.min = min;
            this.meaning = meaning;
        }

        /** The name {@code --limit} takes, e.g. {@code max-files}. */
        public String key() {
            return key;
        }

        public long defaultValue() {
            return defaultValue;
        }

        public long min() {
            return min;
        }

        public String meaning() {
            return meaning;
        }

        /** Whether a value of this limit counts bytes or characters (then {@code k}, {@code m}, {@code g} suffixes read as KiB, MiB, GiB). */
        boolean isSize() {
            return key.endsWith("-bytes") || key.endsWith("-chars");
        }

        public static Optional<Limit> byKey(String key) {
            return Arrays.stream(values()).filter(l -> l.key.equals(key.strip().toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    public static final ScanLimits DEFAULTS = of(Arrays.stream(Limit.values()).mapToLong(Limit::defaultValue).toArray());

    public ScanLimits {
        long[] v = {maxFiles, maxDepth, maxTextBytes, maxConfigBytes, maxHeaderBytes, maxYamlAliases, maxNestingDepth,
                parseMillis, maxTikaChars, maxGgufTensors, maxGgufKv, maxGgufStringBytes, maxZipEntries, maxZipRatio,
                maxPickleBytes, maxPickleOps, maxPickleMemo, maxPickleStack, maxPickleNesting, maxShardHeaders,
                parseBudgetMillis, maxDocumentChars};
        for (Limit l : Limit.values()) {
            if (v[l.ordinal()] < l.min()) {
                throw new IllegalArgumentException("scan limit " + l.key() + " must be at least " + l.min() + ", not " + v[l.ordinal()]);
            }
        }
    }

    /** The first eight bounds, the rest at their defaults (the shape of the original limits). */
    public ScanLimits(int maxFiles, int maxDepth, long maxTextBytes, long maxConfigBytes, long maxHeaderBytes,
                      int maxYamlAliases, int maxNestingDepth, long parseMillis) {
        this(maxFiles, maxDepth, maxTextBytes, maxConfigBytes, maxHeaderBytes, maxYamlAliases, maxNestingDepth, parseMillis,
                Limit.MAX_TIKA_CHARS.defaultValue, Limit.MAX_GGUF_TENSORS.defaultValue, Limit.MAX_GGUF_KV.defaultValue,
                Limit.MAX_GGUF_STRING_BYTES.defaultValue, (int) Limit.MAX_ZIP_ENTRIES.defaultValue,
                (int) Limit.MAX_ZIP_RATIO.defaultValue, Limit.MAX_PICKLE_BYTES.defaultValue, Limit.MAX_PICKLE_OPS.defaultValue,
                (int) Limit.MAX_PICKLE_MEMO.defaultValue, (int) Limit.MAX_PICKLE_STACK.defaultValue,
                (int) Limit.MAX_PICKLE_NESTING.defaultValue, (int) Limit.MAX_SHARD_HEADERS.defaultValue,
                Limit.PARSE_BUDGET_MILLIS.defaultValue, Limit.MAX_DOCUMENT_CHARS.defaultValue);
    }

    /** The value of one bound. */
    public long get(Limit limit) {
        return values()[limit.ordinal()];
    }

    /** These limits with one bound changed; throws {@link IllegalArgumentException} naming the bound when out of range. */
    public ScanLimits with(Limit limit, long value) {
        long max = switch (limit) {
            case MAX_FILES, MAX_DEPTH, MAX_YAML_ALIASES, MAX_NESTING_DEPTH, MAX_ZIP_ENTRIES, MAX_ZIP_RATIO, MAX_PICKLE_MEMO,
                    MAX_PICKLE_STACK, MAX_PICKLE_NESTING, MAX_SHARD_HEADERS -> Integer.MAX_VALUE;
            // What these bound is read into one Java array, which holds at most about 2 GiB.
            case MAX_TEXT_BYTES, MAX_CONFIG_BYTES, MAX_HEADER_BYTES, MAX_TIKA_CHARS, MAX_PICKLE_BYTES -> Integer.MAX_VALUE - 16;
            default -> Long.MAX_VALUE;
        };
        if (value > max) {
            throw new IllegalArgumentException("scan limit " + limit.key() + " must be at most " + max);
        }
        long[] v = values();
        v[limit.ordinal()] = value;
        return of(v);
    }

    /**
     * Parses a limit value: digits (underscores allowed), for byte and character limits optionally followed by
     * {@code k}, {@code m} or {@code g} (KiB, MiB, GiB).
     */
    public static long parseValue(Limit limit, String text) {
        String t = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
        long unit = 1;
        if (limit.isSize()) {
            t = t.replaceFirst("i?b$", "");
            char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
            unit = switch (last) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1;
            };
            if (unit > 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        if (!t.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("scan limit " + limit.key() + ": '" + text + "' is not a whole number"
                    + (limit.isSize() ? " (k, m and g suffixes allowed)" : ""));
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("scan limit " + limit.key() + ": '" + text + "' is too large");
        }
    }

    private long[] values() {
        return new long[] {maxFiles, maxDepth, maxTextBytes, maxConfigBytes, maxHeaderBytes, maxYamlAliases, maxNestingDepth,
                parseMillis, maxTikaChars, maxGgufTensors, maxGgufKv, maxGgufStringBytes, maxZipEntries, maxZipRatio,
                maxPickleBytes, maxPickleOps, maxPickleMemo, maxPickleStack, maxPickleNesting, maxShardHeaders,
                parseBudgetMillis, maxDocumentChars};
    }

    private static ScanLimits of(long[] v) {
        return new ScanLimits((int) v[0], (int) v[1], v[2], v[3], v[4], (int) v[5], (int) v[6], v[7], v[8], v[9], v[10],
                v[11], (int) v[12], (int) v[13], v[14], v[15], (int) v[16], (int) v[17], (int) v[18],
                (int) v[19], v[20], v[21]);
    }
}
