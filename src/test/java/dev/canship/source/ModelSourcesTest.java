package dev.canship.source;

import dev.canship.BadInputException;
import dev.canship.extract.weights.TestWeights;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.RepoFile;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class ModelSourcesTest {

    private static byte[] tinyGguf(Path dir) throws IOException {
        Path f = new TestWeights.Gguf().string("general.architecture", "llama").string("general.license", "apache-2.0")
                .write(dir.resolve("tmp.gguf"), 0);
        byte[] b = Files.readAllBytes(f);
        Files.delete(f);
        return b;
    }

    private static ModelSources sources(Path store) {
        return new ModelSources(ScanLimits.DEFAULTS, new OllamaStore(store));
    }

    @Test
    void aSingleGgufFileIsARepositoryOfThatFileOnly(@TempDir Path dir) throws IOException {
        Path model = new TestWeights.Gguf().string("general.architecture", "llama").write(dir.resolve("acme-7b.Q4_K_M.gguf"), 0);
        Files.writeString(dir.resolve("LICENSE"), "another model's license");
        Files.writeString(dir.resolve("README.md"), "---\nlicense: mit\n---\n");
        Files.writeString(dir.resolve("other.gguf"), "not this one");

        Inventory inv = sources(dir.resolve("no-store")).inventory(model);

        assertThat(inv.files()).extracting(RepoFile::path, RepoFile::role).containsExactly(tuple("acme-7b.Q4_K_M.gguf", FileRole.WEIGHTS));
        assertThat(inv.name()).isEqualTo("acme-7b.Q4_K_M.gguf");
        assertThat(inv.origin().kind()).isEqualTo("gguf-file");
        assertThat(inv.origin().revision()).isNull();
    }

    @Test
    void aHuggingFaceCacheEntryWithoutASnapshotIsBadInputNotAWalkOfItsBlobs(@TempDir Path cache) throws IOException {
        Path entry = Files.createDirectories(cache.resolve("models--acme--partial"));
        Files.createDirectories(entry.resolve("snapshots"));
        Files.createDirectories(entry.resolve("blobs"));
        Files.writeString(entry.resolve("blobs/0123abcd.incomplete"), "half a file");
        assertThatThrownBy(() -> sources(cache).inventory(entry)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cache entry without a snapshot");
    }

    @Test
    void aFileThatIsNeitherAFolderNorGgufIsBadInput(@TempDir Path dir) throws IOException {
        Path st = Files.writeString(dir.resolve("model.safetensors"), "x");
        assertThatThrownBy(() -> sources(dir).inventory(st)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a folder or a .gguf file");
    }

    @Test
    void anOllamaModelListsItsLayersAsFilesReadFromTheBlobs(@TempDir Path store) throws IOException {
        OllamaFixture o = new OllamaFixture(store);
        o.layer(OllamaFixture.MODEL, tinyGguf(store));
        o.layer(OllamaFixture.LICENSE, "first license text");
        o.layer(OllamaFixture.LICENSE, "second license text");
        o.layer(OllamaFixture.PARAMS, "{\"stop\":[\"<|eot|>\"]}");
        o.layer(OllamaFixture.TEMPLATE, "{{ .Prompt }}");
        o.layer("application/vnd.ollama.image.projector", "projector bytes");
        Path manifest = o.write("acme", "7b");

        Inventory inv = sources(store).inventory(Path.of("ollama:acme:7b"));

        assertThat(inv.name()).isEqualTo("ollama:acme:7b");
        assertThat(inv.files()).extracting(RepoFile::path, RepoFile::role).containsExactly(
                tuple("LICENSE-1", FileRole.LICENSE), tuple("LICENSE-2", FileRole.LICENSE), tuple("model.gguf", FileRole.WEIGHTS),
                tuple("params.json", FileRole.OTHER), tuple("template", FileRole.OTHER));
        assertThat(inv.files()).allSatisfy(f -> assertThat(f.absolute().getFileName().toString()).startsWith("sha256-"));
        assertThat(inv.origin().kind()).isEqualTo("ollama");
        assertThat(inv.origin().revision()).isEqualTo("sha256:" + OllamaFixture.sha256(Files.readAllBytes(manifest)));
        assertThat(inv.origin().notes()).anySatisfy(n -> assertThat(n).contains("application/vnd.ollama.image.projector").contains("not scanned"));
    }

    @Test
    void theDefaultTagIsLatestAndUserModelsLiveUnderTheirNamespace(@TempDir Path store) throws IOException {
        OllamaFixture o = new OllamaFixture(store);
        o.layer(OllamaFixture.MODEL, tinyGguf(store));
        o.layer(OllamaFixture.LICENSE, "only license");
        o.write("someone/tuned", "latest");

        Inventory inv = sources(store).inventory(Path.of("ollama:someone/tuned"));

        assertThat(inv.name()).isEqualTo("ollama:someone/tuned:latest");
        assertThat(inv.files()).extracting(RepoFile::path).containsExactly("LICENSE", "model.gguf");
    }

    @Test
    void aModelPulledFromAnotherRegistryLivesUnderThatHost(@TempDir Path store) throws IOException {
        OllamaFixture o = new OllamaFixture(store);
        o.layer(OllamaFixture.MODEL, tinyGguf(store));
        Path dir = Files.createDirectories(store.resolve("manifests/hf.co/acme/Tiny-GGUF"));
        Files.writeString(dir.resolve("Q4_K_M"), Files.readString(o.write("unused", "latest")));

        Inventory inv = sources(store).inventory(Path.of("ollama:hf.co/acme/Tiny-GGUF:Q4_K_M"));

        assertThat(inv.name()).isEqualTo("ollama:hf.co/acme/Tiny-GGUF:Q4_K_M");
        assertThat(inv.files()).extracting(RepoFile::path).containsExactly("model.gguf");
    }

    @Test
    void aLargeModelLayerIsNeverHashedOnlyItsSizeChecked(@TempDir Path store) throws IOException {
        OllamaFixture o = new OllamaFixture(store);
        Path big = new TestWeights.Gguf().string("general.architecture", "llama").write(store.resolve("big.gguf"), 0);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(OllamaStore.MAX_VERIFIED_BYTES + 1); // sparse: costs no disk
        }
        // A digest that is not the content's hash: hashing the layer would reject it.
        o.unhashedLayer(OllamaFixture.MODEL, big, "ab".repeat(32));
        o.write("big", "latest");

        Inventory inv = sources(store).inventory(Path.of("ollama:big"));

        assertThat(inv.files()).extracting(RepoFile::path).containsExactly("model.gguf");
        assertThat(inv.origin().notes()).anySatisfy(n -> assertThat(n).contains("model.gguf").contains("digest not verified"));
    }

    @Test
    void aMissingModelIsOneLineOfBadInput(@TempDir Path store) throws IOException {
        Files.createDirectories(store.resolve("blobs"));
        assertThatThrownBy(() -> sources(store).inventory(Path.of("ollama:nothing:here")))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("ollama:nothing:here: no such model in the Ollama store")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNameThatCouldLeaveTheStoreIsRejected(@TempDir Path store) {
        assertThatThrownBy(() -> sources(store).inventory(Path.of("ollama:../../etc/passwd")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not an Ollama model name");
    }

    @Test
    void aBrokenManifestIsBadInput(@TempDir Path store) throws IOException {
        new OllamaFixture(store).write("broken", "latest");
        Files.writeString(store.resolve("manifests/registry.ollama.ai/library/broken/latest"), "{\"layers\": [");
        assertThatThrownBy(() -> sources(store).inventory(Path.of("ollama:broken")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("broken manifest");
    }

    @Test
    void aManifestWithoutAModelLayerIsBadInput(@TempDir Path store) throws IOException {
        OllamaFixture o = new OllamaFixture(store);
        o.layer(OllamaFixture.LICENSE, "a license");
        o.write("nomodel", "latest");
        assertThatThrownBy(() -> sources(store).inventory(Path.of("ollama:nomodel")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has no model layer");
    }

    @Test
    void aSmallLayerWhoseContentDoesNotMatchItsDigestIsBadInput(@TempDir Path store) throws IOException {
        OllamaFixture o = new OllamaFixture(store);
        o.layer(OllamaFixture.MODEL, tinyGguf(store));
        String hex = o.layer(OllamaFixture.LICENSE, "the license as pulled");
        o.write("tampered", "latest");
        Files.writeString(store.resolve("blobs").resolve("sha256-" + hex), "the license EDITED!!!"); // same length
        assertThatThrownBy(() -> sources(store).inventory(Path.of("ollama:tampered")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not match its digest");
    }

    @Test
    void aMissingOrTruncatedBlobIsBadInput(@TempDir Path store) throws IOException {
        OllamaFixture o = new OllamaFixture(store);
        String model = o.layer(OllamaFixture.MODEL, tinyGguf(store));
        o.write("partial", "latest");
        Path blob = store.resolve("blobs").resolve("sha256-" + model);
        Files.write(blob, new byte[3]);
        assertThatThrownBy(() -> sources(store).inventory(Path.of("ollama:partial")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("the manifest says");
        Files.delete(blob);
        assertThatThrownBy(() -> sources(store).inventory(Path.of("ollama:partial")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is missing from");
    }

    @Test
    void aBlobSymlinkedOutOfTheStoreIsRefused(@TempDir Path dir) throws IOException {
        Path store = Files.createDirectory(dir.resolve("store"));
        OllamaFixture o = new OllamaFixture(store);
        o.layer(OllamaFixture.MODEL, tinyGguf(store));
        String hex = o.layer(OllamaFixture.LICENSE, "inside");
        o.write("escape", "latest");
        Path outside = Files.writeString(dir.resolve("secret"), "inside");
        Path blob = store.resolve("blobs").resolve("sha256-" + hex);
        Files.delete(blob);
        Files.createSymbolicLink(blob, outside);
        assertThatThrownBy(() -> sources(store).inventory(Path.of("ollama:escape")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not a file inside");
    }

    @Test
    void theStoreFollowsOllamaModelsThenTheHomeFolder(@TempDir Path home) throws IOException {
        assertThat(OllamaStore.of(java.util.Map.of("OLLAMA_MODELS", "/srv/ollama"), home).store()).isEqualTo(Path.of("/srv/ollama"));
        assertThat(OllamaStore.of(java.util.Map.of(), home).store()).isEqualTo(Path.of("/usr/share/ollama/.ollama/models"));
        Files.createDirectories(home.resolve(".ollama/models"));
        assertThat(OllamaStore.of(java.util.Map.of(), home).store()).isEqualTo(home.resolve(".ollama/models"));
    }
}
