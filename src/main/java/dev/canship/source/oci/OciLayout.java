package dev.canship.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.BadInputException;
import dev.canship.extract.Parsers;
import dev.canship.inventory.Declared;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.OneLine;
import dev.canship.inventory.Origin;
import dev.canship.inventory.RepoFile;
import dev.canship.inventory.ScanLimits;
import dev.canship.source.kitops.Kitfile;
import dev.canship.source.kitops.KitopsFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI image layout folder ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/}) holding a model artifact:
 * a CNCF ModelPack, a Docker Model Runner model or a KitOps ModelKit, told apart by the config's media type. The
 * manifest is chosen by its {@code org.opencontainers.image.ref.name} tag or its digest when the index holds several.
 * Layers become repository files: single-file layers under the name their annotation gives, uncompressed tar layers
 * member by member (read in place), license layers as {@code LICENSE}, {@code LICENSE-1}... Index, manifest, config
 * and every layer up to 16 MiB are checked against their digest; larger layers by size only.
 */
public final class OciLayout {

    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String FILEPATH = "org.cncf.model.filepath";
    static final String TITLE = "org.opencontainers.image.title";
    static final String MODELPACK_CONFIG = "application/vnd.cncf.model.config.v1+json";
    static final String DOCKER_CONFIG_PREFIX = "application/vnd.docker.ai.model.config.";
    static final String KITOPS_CONFIG = "application/vnd.kitops.modelkit.config.v1+json";
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";
    private static final int MAX_MANIFESTS = 1024;
    private static final int MAX_LAYERS = 1024;
    /** Tar members listed across all layers; a ModelKit of a model has tens, not thousands. */
    private static final int MAX_MEMBERS = 10_000;

    private final ObjectMapper json = Parsers.json(ScanLimits.DEFAULTS);

    /** Whether {@code dir} looks like an OCI image layout (its {@code oci-layout} marker file is there). */
    public static boolean isLayout(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The inventory of the model artifact in the layout {@code dir}; {@code select} is a tag ({@code ref.name}), a
     * {@code sha256:} manifest digest, or null (the index must then hold one manifest). {@code given} is kept as the
     * report's path.
     */
    public Inventory inventory(Path given, Path dir, String select) {
        String shown = OneLine.of(given.toString());
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new BadInputException(shown + ": no such OCI layout folder");
        }
        if (!Files.isRegularFile(root.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(shown + ": not an OCI image layout (no oci-layout file)");
        }
        JsonNode layout = parse(shown, "oci-layout", small(shown, root, "oci-layout"));
        if (!layout.path("imageLayoutVersion").isTextual()) {
            throw new BadInputException(shown + ": oci-layout names no imageLayoutVersion; not an OCI image layout");
        }
        JsonNode index = parse(shown, "index.json", small(shown, root, "index.json"));
        Blobs blobs = Blobs.of(shown, root);
        JsonNode chosen = choose(shown, index.path("manifests"), select);
        String digest = chosen.path("digest").asText();
        String hex = blobs.hex(digest, "the chosen manifest");
        if (INDEX.equals(chosen.path("mediaType").asText())) {
            throw new BadInputException(shown + ": " + digest + " is a nested image index, not a model manifest; choose a manifest with PATH@sha256:...");
        }
        JsonNode manifest = parse(shown, "manifest " + digest, blobs.json(hex, size(chosen), "manifest"));
        JsonNode config = manifest.path("config");
        String configType = config.path("mediaType").asText("");
        String artifact = manifest.path("artifactType").asText("");
        String ref = chosen.path("annotations").path(REF_NAME).asText(null);
        String name = "oci:" + root.getFileName() + (ref != null ? ":" + ref : "@" + digest);
        String configHex = blobs.hex(config.path("digest").asText(null), "the manifest's config");
        JsonNode cfg = parse(shown, "config " + config.path("digest").asText(), blobs.json(configHex, size(config), "config"));
        Format format;
        if (MODELPACK_CONFIG.equals(configType) || MODELPACK_CONFIG.equals(artifact)) {
            format = Format.MODELPACK;
        } else if (configType.startsWith(DOCKER_CONFIG_PREFIX)) {
            format = Format.DOCKER;
        } else if (KITOPS_CONFIG.equals(configType)) {
            format = Format.KITOPS;
        } else {
            throw new BadInputException(shown + ": manifest " + digest + " is not a model artifact canship reads (config media type "
                    + OneLine.of(configType.isEmpty() ? "missing" : configType) + "; ModelPack, Docker Model Runner and KitOps are read)");
        }
        List<String> notes = new ArrayList<>();
        notes.add(format.title + " " + name + " from the OCI layout " + root + ", manifest " + digest);
        List<Declared> declared = new ArrayList<>();
        Kitfile kit = null;
        switch (format) {
            case MODELPACK -> modelPack(cfg, declared, notes);
            case KITOPS -> {
                kit = Kitfile.parse(shown, "Kitfile", blobs.json(configHex, -1, "config"));
                declared.addAll(kit.declared());
                notes.addAll(kit.notes());
            }
            default -> {
            }
        }
        Layers layers = new Layers(shown, blobs);
        JsonNode list = manifest.path("layers");
        if (!list.isArray() || list.size() > MAX_LAYERS) {
            throw new BadInputException(shown + ": broken manifest " + digest + " (no layers list, or more than " + MAX_LAYERS + ")");
        }
        layers.read(list, notes);
        List<RepoFile> files = layers.files();
        if (kit != null) {
            files = KitopsFolder.setAside(files, kit, notes);
        }
        if (layers.weightLayers() == 0 && files.stream().noneMatch(f -> f.role() == FileRole.WEIGHTS) && layers.unwalked().isEmpty()) {
            throw new BadInputException(shown + ": manifest " + digest + " has no weight layer (" + format.title + ")");
        }
        return new Inventory(given, name, files, layers.diagnostics(), layers.unwalked(), new Origin("oci", digest, notes, declared));
    }

    /** What a ModelPack config says about the model: its declared licenses (SPDX ids), its name and size, for the notes. */
    private static void modelPack(JsonNode cfg, List<Declared> declared, List<String> notes) {
        JsonNode d = cfg.path("descriptor");
        JsonNode licenses = d.path("licenses");
        for (int i = 0; licenses.isArray() && i < Math.min(licenses.size(), 64); i++) {
            if (licenses.get(i).isTextual() && !licenses.get(i).asText().isBlank()) {
                declared.add(new Declared(Declared.Kind.LICENSE, licenses.get(i).asText(), "model config (descriptor.licenses)"));
            }
        }
        StringBuilder sb = new StringBuilder("ModelPack descriptor:");
        for (String k : List.of("vendor", "name", "version")) {
            if (d.path(k).isTextual()) {
                sb.append(' ').append(k).append(' ').append(d.path(k).asText()).append(';');
            }
        }
        JsonNode c = cfg.path("config");
        for (String k : List.of("architecture", "format", "paramSize")) {
            if (c.path(k).isTextual()) {
                sb.append(' ').append(k).append(' ').append(c.path(k).asText()).append(';');
            }
        }
        notes.add(sb.toString());
        if (declared.isEmpty()) {
            notes.add("the ModelPack config declares no license (descriptor.licenses)");
        }
    }

    /** The manifest descriptor the user chose, or the only one. */
    private static JsonNode choose(String shown, JsonNode manifests, String select) {
        if (!manifests.isArray() || manifests.isEmpty()) {
            throw new BadInputException(shown + ": index.json lists no manifests");
        }
        if (manifests.size() > MAX_MANIFESTS) {
            throw new BadInputException(shown + ": index.json lists more than " + MAX_MANIFESTS + " manifests");
        }
        Map<String, JsonNode> byTag = new TreeMap<>();
        for (JsonNode m : manifests) {
            String tag = m.path("annotations").path(REF_NAME).asText(null);
            if (tag != null) {
                byTag.putIfAbsent(tag, m);
            }
            if (select != null && select.equals(m.path("digest").asText())) {
                return m;
            }
        }
        if (select != null) {
            JsonNode m = byTag.get(select);
            if (m == null) {
                throw new BadInputException(shown + ": the OCI layout has no manifest " + OneLine.of(select)
                        + (byTag.isEmpty() ? "" : " (tags: " + String.join(", ", byTag.keySet().stream().map(OneLine::of).toList()) + ")"));
            }
            return m;
        }
        if (manifests.size() > 1) {
            throw new BadInputException(shown + ": the OCI layout holds " + manifests.size() + " manifests"
                    + (byTag.isEmpty() ? "" : " (tags: " + String.join(", ", byTag.keySet().stream().map(OneLine::of).toList()) + ")")
                    + "; choose one with oci:PATH:TAG or PATH@sha256:DIGEST");
        }
        return manifests.get(0);
    }

    private static long size(JsonNode descriptor) {
        JsonNode s = descriptor.path("size");
        return s.canConvertToLong() && s.asLong() >= 0 ? s.asLong() : -1;
    }

    /** A small top-level file of the layout (oci-layout, index.json), read inside the layout only. */
    private static byte[] small(String shown, Path root, String file) {
        Path p = root.resolve(file);
        try {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(shown + ": the OCI layout has no " + file + (Files.isSymbolicLink(p) ? " (a symlink; not followed)" : ""));
            }
            if (Files.size(p) > Blobs.MAX_JSON_BYTES) {
                throw new BadInputException(shown + ": " + file + " is larger than " + Blobs.MAX_JSON_BYTES + " bytes");
            }
            try (var ch = dev.canship.inventory.FencedOpen.open(root, p); var in = java.nio.channels.Channels.newInputStream(ch)) {
                return in.readNBytes((int) Blobs.MAX_JSON_BYTES + 1);
            }
        } catch (IOException e) {
            throw new BadInputException(shown + ": " + file + " cannot be read (" + e.getMessage() + ")");
        }
    }

    private JsonNode parse(String shown, String what, byte[] bytes) {
        try {
            JsonNode n = json.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new BadInputException(shown + ": broken " + OneLine.of(what) + " (not a JSON object)");
            }
            return n;
        } catch (IOException e) {
            throw new BadInputException(shown + ": broken " + OneLine.of(what) + " (not JSON)");
        }
    }

    /** The artifact formats read, by config media type. */
    enum Format {
        MODELPACK("CNCF ModelPack artifact"),
        DOCKER("Docker Model Runner artifact"),
        KITOPS("KitOps ModelKit");

        final String title;

        Format(String title) {
            this.title = title;
        }
    }
}
