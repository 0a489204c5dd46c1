package dev.canship.extract;

import dev.canship.inventory.RepoFile;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which shard headers of a sharded safetensors checkpoint to read. When every shard of the checkpoint is present
 * (named {@code PREFIX-00001-of-00160.safetensors} up to {@code -00160-}, beside {@code PREFIX.safetensors.index.json})
 * and the index gives the total size, the index and config.json describe the whole model: only a few headers,
 * spread from the first shard to the last, are read for their dtypes and metadata, so a check costs the same with
 * 800 GB of shards as with none. In every other case (a partial download, unusual names) every header is read.
 *
 * @param skipped paths of the shards whose headers are not read
 */
record ShardSample(Set<String> skipped) {

    static final ShardSample NONE = new ShardSample(Set.of());
    /** {@code -00001-of-00160.safetensors}: the shard numbering save_pretrained writes. */
    private static final int SHARD_SUFFIX_LENGTH = "-00001-of-00160.safetensors".length();
    private static final String INDEX_SUFFIX = ".safetensors.index.json";

    ShardSample {
        skipped = Set.copyOf(skipped);
    }

    /**
     * @param indexPath the index file's path in the repository
     * @param totalSize the index's {@code metadata.total_size}, or null
     * @param weights   the repository's weight files
     * @param max       at most this many shards are read
     */
    static ShardSample of(String indexPath, Long totalSize, List<RepoFile> weights, int max) {
        if (totalSize == null || !indexPath.endsWith(INDEX_SUFFIX)) {
            return NONE;
        }
        String prefix = indexPath.substring(0, indexPath.length() - INDEX_SUFFIX.length());
        String[] byNumber = null;
        int count = -1;
        for (RepoFile f : weights) {
            String path = f.path();
            if (path.length() != prefix.length() + SHARD_SUFFIX_LENGTH || !path.startsWith(prefix)) {
                continue;
            }
            int at = prefix.length();
            int number = digits(path, at + 1);
            int of = digits(path, at + 10);
            if (path.charAt(at) != '-' || number < 0 || !path.startsWith("-of-", at + 6) || of < 0
                    || !path.endsWith(".safetensors")) {
                continue;
            }
            if (count >= 0 && of != count) {
                return NONE; // two exports side by side: read them all
            }
            count = of;
            if (byNumber == null) {
                byNumber = new String[count];
            }
            if (number < 1 || number > count) {
                return NONE;
            }
            byNumber[number - 1] = path;
        }
        if (byNumber == null || count <= max) {
            return NONE;
        }
        for (String shard : byNumber) {
            if (shard == null) {
                return NONE; // some missing: the headers that are there tell what is missing
            }
        }
        Set<String> skipped = new TreeSet<>(Arrays.asList(byNumber));
        if (max == 1) {
            skipped.remove(byNumber[0]);
        } else {
            for (int i = 0; i < max; i++) {
                skipped.remove(byNumber[(int) ((long) i * (count - 1) / (max - 1))]);
            }
        }
        return new ShardSample(skipped);
    }

    /** The five-digit number at {@code at}, or -1. */
    private static int digits(String s, int at) {
        int n = 0;
        for (int i = at; i < at + 5; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
