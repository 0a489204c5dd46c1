package dev.canship.extract;

import dev.canship.inventory.FileRole;
import dev.canship.inventory.RepoFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShardSampleTest {

    private static final long SHARD = 5_000_000_000L;

    private static List<RepoFile> shards(String prefix, int of, int... numbers) {
        List<RepoFile> out = new ArrayList<>();
        for (int n : numbers) {
            String path = String.format("%s-%05d-of-%05d.safetensors", prefix, n, of);
            out.add(new RepoFile(path, Path.of("/r", path), FileRole.WEIGHTS, SHARD));
        }
        return out;
    }

    /** The index total of {@code n} shards: their sizes less a 100 KB header each. */
    private static long total(int n) {
        return n * (SHARD - 100_000);
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).toArray();
    }

    @Test
    void readsTheFirstAndLastShardsAndSpreadsTheRestEvenly() {
        var two = ShardSample.of("model.safetensors.index.json", total(160), shards("model", 160, range(160)), 2);
        assertThat(two.skipped()).hasSize(158).doesNotContain("model-00001-of-00160.safetensors", "model-00160-of-00160.safetensors");
        assertThat(two.read()).containsExactly("model-00001-of-00160.safetensors", "model-00160-of-00160.safetensors");
        assertThat(two.shards()).isEqualTo(160);
        var three = ShardSample.of("model.safetensors.index.json", total(9), shards("model", 9, range(9)), 3);
        assertThat(three.skipped()).hasSize(6).doesNotContain("model-00001-of-00009.safetensors",
                "model-00005-of-00009.safetensors", "model-00009-of-00009.safetensors");
    }

    @Test
    void aSubfolderCheckpointIsSampledBesideItsOwnIndex() {
        var s = ShardSample.of("text_encoder/model.safetensors.index.json", total(4), shards("text_encoder/model", 4, range(4)), 2);
        assertThat(s.skipped()).containsExactlyInAnyOrder("text_encoder/model-00002-of-00004.safetensors",
                "text_encoder/model-00003-of-00004.safetensors");
        // Shards of another folder's checkpoint are not this index's.
        assertThat(ShardSample.of("model.safetensors.index.json", total(4), shards("text_encoder/model", 4, range(4)), 2).skipped()).isEmpty();
    }

    @Test
    void everyHeaderIsReadWhenTheIndexCannotStandInForThem() {
        // No total size in the index.
        assertThat(ShardSample.of("model.safetensors.index.json", null, shards("model", 8, range(8)), 2).skipped()).isEmpty();
        // A shard missing (partial download).
        assertThat(ShardSample.of("model.safetensors.index.json", total(8), shards("model", 8, 1, 2, 3, 5, 6, 7, 8), 2).skipped()).isEmpty();
        // Two exports of different shard counts side by side.
        List<RepoFile> mixed = new ArrayList<>(shards("model", 4, range(4)));
        mixed.addAll(shards("model", 3, range(3)));
        assertThat(ShardSample.of("model.safetensors.index.json", total(4), mixed, 2).skipped()).isEmpty();
        // No more shards than the limit.
        assertThat(ShardSample.of("model.safetensors.index.json", total(2), shards("model", 2, range(2)), 2).skipped()).isEmpty();
    }

    @Test
    void theIndexMustAccountForTheShardsItStandsFor() {
        // A total larger than the files (truncated shards), or far smaller (pointer files, another export's index).
        assertThat(ShardSample.of("model.safetensors.index.json", 8 * SHARD + 1, shards("model", 8, range(8)), 2).sampled()).isFalse();
        assertThat(ShardSample.of("model.safetensors.index.json", 1L, shards("model", 8, range(8)), 2).sampled()).isFalse();
        assertThat(ShardSample.of("model.safetensors.index.json", 0L, shards("model", 8, range(8)), 2).sampled()).isFalse();
        assertThat(ShardSample.of("model.safetensors.index.json", total(8), shards("model", 8, range(8)), 2).sampled()).isTrue();
    }

    @Test
    void sixDigitShardCountsAsDeepSeekWritesThem() {
        List<RepoFile> files = new ArrayList<>();
        for (int n = 1; n <= 163; n++) {
            String path = String.format("model-%05d-of-000163.safetensors", n);
            files.add(new RepoFile(path, Path.of("/r", path), FileRole.WEIGHTS, SHARD));
        }
        var s = ShardSample.of("model.safetensors.index.json", total(163), files, 2);
        assertThat(s.read()).containsExactly("model-00001-of-000163.safetensors", "model-00163-of-000163.safetensors");
        // A shard listed twice under two spellings of its number is not a checkpoint to sample.
        files.add(new RepoFile("model-0001-of-000163.safetensors", Path.of("/r/x"), FileRole.WEIGHTS, SHARD));
        assertThat(ShardSample.of("model.safetensors.index.json", total(163), files, 2).sampled()).isFalse();
    }
}
