package dev.canship.extract;

import dev.canship.inventory.RepoFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern SHARD = Pattern.compile("(.+)-(\\d{5})-of-(\\d{5})\\.safetensors");
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
        List<String> shards = new ArrayList<>();
        int count = -1;
        for (RepoFile f : weights) {
            Matcher m = SHARD.matcher(f.path());
            if (!m.matches() || !m.group(1).equals(prefix)) {
                continue;
            }
            int of = Integer.parseInt(m.group(3));
            if (count >= 0 && of != count) {
                return NONE; // two exports side by side: read them all
            }
            count = of;
            shards.add(f.path());
        }
        shards.sort(null);
        if (count <= max || shards.size() != count) {
            return NONE; // few shards, or some missing: the headers that are there tell what is missing
        }
        for (int i = 0; i < count; i++) {
            Matcher m = SHARD.matcher(shards.get(i));
            if (!m.matches() || Integer.parseInt(m.group(2)) != i + 1) {
                return NONE;
            }
        }
        Set<String> skipped = new TreeSet<>(shards);
        if (max == 1) {
            skipped.remove(shards.get(0));
        } else {
            for (int i = 0; i < max; i++) {
                skipped.remove(shards.get((int) ((long) i * (count - 1) / (max - 1))));
            }
        }
        return new ShardSample(skipped);
    }
}
