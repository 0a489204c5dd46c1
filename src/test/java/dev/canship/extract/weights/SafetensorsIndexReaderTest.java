package dev.canship.extract.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsIndexReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTotalSizeAndWeightMap() throws Exception {
        Path f = Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":{\"total_size\":"
                + "93405585408,\"total_parameters\":46702792704},\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\","
                + "\"b\":\"model-00002-of-00002.safetensors\",\"c\":\"model-00002-of-00002.safetensors\"}}");
        SafetensorsIndex idx = new SafetensorsIndexReader().read(f);
        assertThat(idx.totalSizeBytes()).isEqualTo(93405585408L);
        assertThat(idx.totalParameters()).isEqualTo(46702792704L);
        assertThat(idx.weightMap()).hasSize(3);
        assertThat(idx.shardFiles()).containsExactly("model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors");
    }

    @Test
    void emptyMetadataGivesNullTotal() throws Exception {
        Path f = Files.writeString(dir.resolve("i.json"), "{\"metadata\": {}, \"weight_map\": {\"a\": \"x.safetensors\"}}");
        assertThat(new SafetensorsIndexReader().read(f).totalSizeBytes()).isNull();
    }

    @Test
    void rejectsBadInput() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"weight_map\": {\"a\": ");
        assertThatThrownBy(() -> new SafetensorsIndexReader().read(bad)).isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith("bad.json: not valid JSON");
        Path noMap = Files.writeString(dir.resolve("nomap.json"), "{\"metadata\": {\"total_size\": 5}}");
        assertThatThrownBy(() -> new SafetensorsIndexReader().read(noMap)).hasMessage("nomap.json: index has no weight_map object");
        Path neg = Files.writeString(dir.resolve("neg.json"), "{\"metadata\": {\"total_size\": -5}, \"weight_map\": {}}");
        assertThatThrownBy(() -> new SafetensorsIndexReader().read(neg)).hasMessageContaining("not a non-negative integer");
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"weight_map\": {}, \"x\": " + "[".repeat(1000) + "]".repeat(1000) + "}");
        assertThatThrownBy(() -> new SafetensorsIndexReader().read(deep)).hasMessageContaining("nesting depth");
        Path big = Files.writeString(dir.resolve("big.json"), "{\"weight_map\": {}}" + " ".repeat(2000));
        assertThatThrownBy(() -> new SafetensorsIndexReader(1000).read(big)).hasMessageContaining("over the limit of 1000");
    }

    @Test
    void theTotalSizeIsReadWithoutTheWeightMap() throws Exception {
        // Reading stops at the metadata, so a weight map a check does not need is not parsed at all.
        Path f = Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"metadata\":{\"total_size\":\"800\"},\"weight_map\":{\"a\": 1");
        assertThat(new SafetensorsIndexReader().totalSize(f)).isEqualTo(800L);
        Path mapFirst = Files.writeString(dir.resolve("other.json"),
                "{\"weight_map\":{\"a\":\"x.safetensors\"},\"metadata\":{\"total_size\":12}}");
        assertThat(new SafetensorsIndexReader().totalSize(mapFirst)).isEqualTo(12L);
        Path none = Files.writeString(dir.resolve("none.json"), "{\"weight_map\":{}}");
        assertThat(new SafetensorsIndexReader().totalSize(none)).isNull();
    }
}
