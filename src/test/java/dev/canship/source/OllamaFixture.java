package dev.canship.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A fake Ollama store in a temp folder: blobs named by their sha256, and a manifest per model. */
final class OllamaFixture {

    static final String MODEL = "application/vnd.ollama.image.model";
    static final String LICENSE = "application/vnd.ollama.image.license";
    static final String PARAMS = "application/vnd.ollama.image.params";
    static final String TEMPLATE = "application/vnd.ollama.image.template";

    private final Path store;
    private final ObjectNode manifest = new ObjectMapper().createObjectNode();
    private final ArrayNode layers;

    OllamaFixture(Path store) throws IOException {
        this.store = store;
        Files.createDirectories(store.resolve("blobs"));
        manifest.put("schemaVersion", 2);
        layers = manifest.putArray("layers");
    }

    /** Adds a layer holding {@code content}; returns its hex digest. */
    String layer(String mediaType, byte[] content) throws IOException {
        String hex = sha256(content);
        Files.write(store.resolve("blobs").resolve("sha256-" + hex), content);
        layers.addObject().put("mediaType", mediaType).put("digest", "sha256:" + hex).put("size", content.length);
        return hex;
    }

    String layer(String mediaType, String text) throws IOException {
        return layer(mediaType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a layer whose blob is an existing file (a sparse GGUF), under a digest that is not its hash. */
    void unhashedLayer(String mediaType, Path file, String hex) throws IOException {
        Files.move(file, store.resolve("blobs").resolve("sha256-" + hex));
        layers.addObject().put("mediaType", mediaType).put("digest", "sha256:" + hex).put("size", Files.size(store.resolve("blobs").resolve("sha256-" + hex)));
    }

    /** Writes the manifest for {@code library/NAME:TAG} (or {@code user/name}). */
    Path write(String name, String tag) throws IOException {
        Path dir = store.resolve("manifests").resolve("registry.ollama.ai").resolve(name.contains("/") ? name : "library/" + name);
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(tag), manifest.toString());
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
