package dev.canship.extract;

import dev.canship.inventory.RepoFile;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which shard headers of a sharded safetensors checkpoint were read. When every numbered shard of the checkpoint is
 * present ({@code PREFIX-00001-of-00160.safetensors} to {@code -00160-}, beside {@code PREFIX.safetensors.index.json}),
 * their file sizes add up to the index's total size (so none is a Git LFS pointer or a truncated download), and
 * there are more shards than {@code max-shard-headers}, only that many headers are read, spread from the first
 * shard to the last: config.json and the index describe the whole model, and a check costs the same with 800 GB of
 * shards as with none. In every other case every header is read ({@link #NONE}).
 *
 * @param index   the index file's path in the repository, or null for {@link #NONE}
 * @param shards  how many shards the checkpoint has
 * @param read    paths of the shards whose headers are read, sorted
 * @param skipped paths of the shards whose headers are not read, sorted
 */
public record ShardSample(String index, int shards, Set<String> read, Set<String> skipped) {

    /** Every header read. */
    public static final ShardSample NONE = new ShardSample(null, 0, Set.of(), Set.of());
    private static final String INDEX_SUFFIX = ".safetensors.index.json";
    private static final String SHARD_SUFFIX = ".safetensors";
    /**
     * The most header bytes a real shard carries (a few MiB at most): shard sizes less the index's total size must
     * stay under this per shard, or the index does not describe these files.
     */
    private static final long MAX_HEADER_PER_SHARD = 16L << 20;

    public ShardSample {
        read = Collections.unmodifiableSortedSet(new TreeSet<>(read));
        skipped = Collections.unmodifiableSortedSet(new TreeSet<>(skipped));
    }

    /** Whether some shards were not read. */
    public boolean sampled() {
        return !skipped.isEmpty();
    }

    /**
     * @param indexPath the index file's path in the repository
     * @param totalSize the index's {@code metadata.total_size}, or null
     * @param weights   the repository's weight files
     * @param max       at most this many shards are read
     */
    static ShardSample of(String indexPath, Long totalSize, List<RepoFile> weights, int max) {
        if (totalSize == null || totalSize <= 0 || !indexPath.endsWith(INDEX_SUFFIX)) {
            return NONE;
        }
        String prefix = indexPath.substring(0, indexPath.length() - INDEX_SUFFIX.length()) + "-";
        RepoFile[] byNumber = null;
        int count = -1;
        for (RepoFile f : weights) {
            String path = f.path();
            if (!path.startsWith(prefix) || !path.endsWith(SHARD_SUFFIX)) {
                continue;
            }
            // NNNNN-of-MMMMM; DeepSeek-V3 writes the count with six digits (00001-of-000163).
            String numbering = path.substring(prefix.length(), path.length() - SHARD_SUFFIX.length());
            int sep = numbering.indexOf("-of-");
            int number = sep < 0 ? -1 : digits(numbering.substring(0, sep));
            int of = sep < 0 ? -1 : digits(numbering.substring(sep + 4));
            if (number < 0 || of < 0) {
                continue;
            }
            if (count >= 0 && of != count) {
                return NONE; // two exports side by side: read them all
            }
            count = of;
            if (byNumber == null) {
                byNumber = new RepoFile[count];
            }
            if (number < 1 || number > count || byNumber[number - 1] != null) {
                return NONE;
            }
            byNumber[number - 1] = f;
        }
        if (byNumber == null || count <= max) {
            return NONE;
        }
        long fileBytes = 0;
        for (RepoFile shard : byNumber) {
            if (shard == null) {
                return NONE; // some missing: the headers that are there tell what is missing
            }
            fileBytes += shard.size();
        }
        if (fileBytes < totalSize || fileBytes - totalSize > count * MAX_HEADER_PER_SHARD) {
            return NONE; // pointer files, truncated shards, or an index of other files: read and report them
        }
        Set<String> read = new TreeSet<>();
        if (max == 1) {
            read.add(byNumber[0].path());
        } else {
            for (int i = 0; i < max; i++) {
                read.add(byNumber[(int) ((long) i * (count - 1) / (max - 1))].path());
            }
        }
        Set<String> skipped = new TreeSet<>();
        for (RepoFile shard : byNumber) {
            if (!read.contains(shard.path())) {
                skipped.add(shard.path());
            }
        }
        return new ShardSample(indexPath, count, read, skipped);
    }

    /** One to six decimal digits as a number, or -1. */
    private static int digits(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
