package dev.canship.source.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an OCI image layout in a temp folder as the real tools write it: blobs named by their sha256 under
 * {@code blobs/sha256/}, manifests with real media types, an {@code index.json} tagging each manifest.
 */
public final class OciFixture {

    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String MODELPACK_CONFIG = "application/vnd.cncf.model.config.v1+json";
    public static final String MODELPACK_ARTIFACT = "application/vnd.cncf.model.manifest.v1+json";
    public static final String WEIGHT_RAW = "application/vnd.cncf.model.weight.v1.raw";
    public static final String WEIGHT_TAR = "application/vnd.cncf.model.weight.v1.tar";
    public static final String WEIGHT_TAR_GZIP = "application/vnd.cncf.model.weight.v1.tar+gzip";
    public static final String WEIGHT_TAR_ZSTD = "application/vnd.cncf.model.weight.v1.tar+zstd";
    public static final String DOC_RAW = "application/vnd.cncf.model.doc.v1.raw";
    public static final String DOC_TAR = "application/vnd.cncf.model.doc.v1.tar";
    public static final String CODE_TAR = "application/vnd.cncf.model.code.v1.tar";
    public static final String DOCKER_CONFIG = "application/vnd.docker.ai.model.config.v0.1+json";
    public static final String DOCKER_GGUF = "application/vnd.docker.ai.gguf.v3";
    public static final String DOCKER_LICENSE = "application/vnd.docker.ai.license";
    public static final String KIT_CONFIG = "application/vnd.kitops.modelkit.config.v1+json";
    public static final String KIT_MODEL_TAR = "application/vnd.kitops.modelkit.model.v1.tar";
    public static final String KIT_CODE_TAR = "application/vnd.kitops.modelkit.code.v1.tar";
    public static final String KIT_MODEL_GZIP = "application/vnd.kitops.modelkit.model.v1.tar+gzip";
    public static final String KIT_DOCS_GZIP = "application/vnd.kitops.modelkit.docs.v1.tar+gzip";
    public static final String KIT_CODE_GZIP = "application/vnd.kitops.modelkit.code.v1.tar+gzip";

    private static final ObjectMapper M = new ObjectMapper();
    private final Path root;
    private final ArrayNode index;
    private final ObjectNode indexDoc = M.createObjectNode();

    public OciFixture(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("blobs/sha256"));
        Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        indexDoc.put("schemaVersion", 2);
        indexDoc.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index = indexDoc.putArray("manifests");
    }

    public Path root() {
        return root;
    }

    /** Stores a blob; returns its {@code sha256:} digest. */
    public String blob(byte[] content) throws IOException {
        String hex = sha256(content);
        Files.write(root.resolve("blobs/sha256").resolve(hex), content);
        return "sha256:" + hex;
    }

    /** A manifest under construction. */
    public final class Manifest {
        private final ObjectNode doc = M.createObjectNode();
        private final ArrayNode layers;

        public Manifest(String artifactType, String configType, byte[] config) throws IOException {
            doc.put("schemaVersion", 2);
            doc.put("mediaType", MANIFEST);
            if (artifactType != null) {
                doc.put("artifactType", artifactType);
            }
            doc.putObject("config").put("mediaType", configType).put("digest", blob(config)).put("size", config.length);
            layers = doc.putArray("layers");
        }

        /** Adds a layer holding {@code content}, with an {@code org.cncf.model.filepath} annotation when {@code path} is given. */
        public Manifest layer(String mediaType, byte[] content, String path) throws IOException {
            ObjectNode l = layers.addObject().put("mediaType", mediaType).put("digest", blob(content)).put("size", content.length);
            if (path != null) {
                l.putObject("annotations").put("org.cncf.model.filepath", path);
            }
            return this;
        }

        public Manifest layer(String mediaType, String text, String path) throws IOException {
            return layer(mediaType, text.getBytes(StandardCharsets.UTF_8), path);
        }

        /** Writes the manifest blob and lists it in index.json under {@code tag} (none when null); returns its digest. */
        public String tag(String tag) throws IOException {
            byte[] bytes = M.writeValueAsBytes(doc);
            String digest = blob(bytes);
            ObjectNode d = index.addObject().put("mediaType", MANIFEST).put("digest", digest).put("size", bytes.length);
            if (tag != null) {
                d.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
            }
            Files.write(root.resolve("index.json"), M.writeValueAsBytes(indexDoc));
            return digest;
        }
    }

    public Manifest modelPack(String... licenses) throws IOException {
        ObjectNode cfg = M.createObjectNode();
        ObjectNode d = cfg.putObject("descriptor").put("name", "acme-7b").put("version", "1.0").put("vendor", "Acme");
        ArrayNode l = d.putArray("licenses");
        for (String s : licenses) {
            l.add(s);
        }
        cfg.putObject("config").put("architecture", "transformer").put("format", "gguf").put("paramSize", "7b");
        cfg.putObject("modelfs").put("type", "layers").putArray("diffIds");
        return new Manifest(MODELPACK_ARTIFACT, MODELPACK_CONFIG, M.writeValueAsBytes(cfg));
    }

    public Manifest docker() throws IOException {
        ObjectNode cfg = M.createObjectNode();
        cfg.putObject("config").put("format", "gguf").put("size", "1000");
        cfg.putArray("files");
        return new Manifest(null, DOCKER_CONFIG, M.writeValueAsBytes(cfg));
    }

    /** A ModelKit whose config is the Kitfile as JSON, as {@code kit pack} writes it. */
    public Manifest kit(String kitfileJson) throws IOException {
        return new Manifest("application/vnd.kitops.modelkit.manifest.v1+json", KIT_CONFIG, kitfileJson.getBytes(StandardCharsets.UTF_8));
    }

    /** An uncompressed tar of {@code name -> content}, in order. */
    public static byte[] tar(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                entry.setSize(e.getValue().length);
                t.putArchiveEntry(entry);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** {@code bytes} gzip-compressed, as {@code kit pack} compresses its layers by default. */
    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(out)) {
            g.write(bytes);
        }
        return out.toByteArray();
    }

    public static Map<String, byte[]> members(Object... pairs) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            m.put((String) pairs[i], v instanceof byte[] b ? b : String.valueOf(v).getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
