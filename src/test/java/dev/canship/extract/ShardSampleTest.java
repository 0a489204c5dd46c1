package dev.canship.extract;

import dev.canship.inventory.FileRole;
import dev.canship.inventory.RepoFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShardSampleTest {

    private static List<RepoFile> shards(String prefix, int of, int... numbers) {
        List<RepoFile> out = new ArrayList<>();
        for (int n : numbers) {
            String path = String.format("%s-%05d-of-%05d.safetensors", prefix, n, of);
            out.add(new RepoFile(path, Path.of("/r", path), FileRole.WEIGHTS, 5_000_000_000L));
        }
        return out;
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).toArray();
    }

    @Test
    void readsTheFirstAndLastShardsAndSpreadsTheRestEvenly() {
        var two = ShardSample.of("model.safetensors.index.json", 800L, shards("model", 160, range(160)), 2);
        assertThat(two.skipped()).hasSize(158).doesNotContain("model-00001-of-00160.safetensors", "model-00160-of-00160.safetensors");
        var three = ShardSample.of("model.safetensors.index.json", 800L, shards("model", 9, range(9)), 3);
        assertThat(three.skipped()).hasSize(6).doesNotContain("model-00001-of-00009.safetensors",
                "model-00005-of-00009.safetensors", "model-00009-of-00009.safetensors");
    }

    @Test
    void aSubfolderCheckpointIsSampledBesideItsOwnIndex() {
        var s = ShardSample.of("text_encoder/model.safetensors.index.json", 8L, shards("text_encoder/model", 4, range(4)), 2);
        assertThat(s.skipped()).containsExactlyInAnyOrder("text_encoder/model-00002-of-00004.safetensors",
                "text_encoder/model-00003-of-00004.safetensors");
        // Shards of another folder's checkpoint are not this index's.
        assertThat(ShardSample.of("model.safetensors.index.json", 8L, shards("text_encoder/model", 4, range(4)), 2).skipped()).isEmpty();
    }

    @Test
    void everyHeaderIsReadWhenTheIndexCannotStandInForThem() {
        // No total size in the index.
        assertThat(ShardSample.of("model.safetensors.index.json", null, shards("model", 8, range(8)), 2).skipped()).isEmpty();
        // A shard missing (partial download).
        assertThat(ShardSample.of("model.safetensors.index.json", 8L, shards("model", 8, 1, 2, 3, 5, 6, 7, 8), 2).skipped()).isEmpty();
        // Two exports of different shard counts side by side.
        List<RepoFile> mixed = new ArrayList<>(shards("model", 4, range(4)));
        mixed.addAll(shards("model", 3, range(3)));
        assertThat(ShardSample.of("model.safetensors.index.json", 8L, mixed, 2).skipped()).isEmpty();
        // No more shards than the limit.
        assertThat(ShardSample.of("model.safetensors.index.json", 8L, shards("model", 2, range(2)), 2).skipped()).isEmpty();
    }
}
