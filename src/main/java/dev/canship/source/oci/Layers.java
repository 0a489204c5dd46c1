package dev.canship.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.BadInputException;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.FileClassifier;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.OneLine;
import dev.canship.inventory.RepoFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model manifest's layers into repository files, by media type: a single-file layer is one file (named by its
 * {@code org.cncf.model.filepath} or {@code org.opencontainers.image.title} annotation, else by what it is), an
 * tar layer is its members read in place (a gzip tar decompressed in memory, never to disk), each license layer is
 * {@code LICENSE} or {@code LICENSE-N}. zstd tar layers are not read: they are reported as not walked, so nothing in
 * them can pass unseen.
 */
final class Layers {

    /** ModelPack: {@code application/vnd.cncf.model.<kind>.v1.<packing>}. */
    private static final Pattern MODELPACK = Pattern.compile(
            "application/vnd\\.cncf\\.model\\.(weight|weight\\.config|doc|code|dataset)\\.v1\\.(raw|tar|tar\\+gzip|tar\\+zstd|gguf|safetensors)");
    /** KitOps: {@code application/vnd.kitops.modelkit.<kind>.v1.tar[+gzip|+zstd]}. */
    private static final Pattern KITOPS = Pattern.compile(
            "application/vnd\\.kitops\\.modelkit\\.(model|modelpart|code|docs|dataset|prompts)\\.v1\\.(tar|tar\\+gzip|tar\\+zstd)");
    private static final String DOCKER = "application/vnd.docker.ai.";
    private static final int MAX_MEMBERS = 10_000;

    private final String shown;
    private final Blobs blobs;
    private final Map<String, RepoFile> files = new TreeMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Diagnostic> unwalked = new ArrayList<>();
    private int members;
    private int weightLayers;
    private int ggufs;
    private int safetensors;

    Layers(String shown, Blobs blobs) {
        this.shown = shown;
        this.blobs = blobs;
    }

    void read(JsonNode layers, List<String> notes) {
        int licenses = 0;
        for (JsonNode l : layers) {
            if (l.path("mediaType").asText("").equals(DOCKER + "license")) {
                licenses++;
            }
        }
        int license = 0;
        for (JsonNode l : layers) {
            String type = l.path("mediaType").asText("");
            String digest = l.path("digest").asText("");
            String hex = blobs.hex(digest, "a layer of the manifest");
            if (!l.path("size").canConvertToLong() || l.path("size").asLong() < 0) {
                throw new BadInputException(shown + ": broken manifest (layer " + digest + " has no size)");
            }
            long size = l.path("size").asLong();
            String named = annotated(l);
            Kind kind = kind(type);
            if (kind == Kind.SKIP) {
                notes.add("layer " + OneLine.of(type) + " (" + digest + ") not scanned");
                continue;
            }
            String layer = "layer " + digest.substring(0, Math.min(digest.length(), 19));
            if (kind == Kind.DATASET) {
                notes.add(layer + " (" + OneLine.of(type) + ") is a dataset, not the model; not scanned");
                continue;
            }
            if (kind == Kind.COMPRESSED) {
                // zstd needs a native library canship does not ship: what is inside is unknown, so it cannot pass.
                unwalked.add(new Diagnostic(named != null ? named : layer, "a zstd-compressed tar layer (" + OneLine.of(type)
                        + ") is not read: the files in it were not checked"));
                continue;
            }
            if (type.contains(".weight.v1.") || type.contains(".modelkit.model.") || type.contains(".modelkit.modelpart.")
                    || kind == Kind.GGUF || kind == Kind.SAFETENSORS) {
                weightLayers++;
            }
            boolean verified = blobs.verify(hex, size, "layer");
            Path blob = blobs.path(hex);
            boolean code = type.contains(".code.");
            if (kind == Kind.TAR || kind == Kind.TAR_GZIP) {
                boolean gzip = kind == Kind.TAR_GZIP;
                TarLayer.Listing listing = TarLayer.list(shown, layer, blobs.dir(), blob, gzip, MAX_MEMBERS - members);
                for (TarLayer.Member m : listing.members()) {
                    members++;
                    add(m.path(), blob, m.offset(), gzip, m.size(), code, notes);
                }
                listing.skipped().forEach(s -> diagnostics.add(new Diagnostic(layer, s)));
                if (listing.cut() != null) {
                    unwalked.add(new Diagnostic(layer, OneLine.of(listing.cut()) + "; the rest of the layer was not listed nor checked"));
                }
            } else {
                String file = switch (kind) {
                    case LICENSE -> licenses == 1 ? "LICENSE" : "LICENSE-" + (++license);
                    case GGUF -> named != null && named.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf") ? named
                            : ++ggufs == 1 ? "model.gguf" : "model-" + ggufs + ".gguf";
                    case SAFETENSORS -> named != null && named.endsWith(".safetensors") ? named : String.format("model-%05d.safetensors", ++safetensors);
                    case MMPROJ -> "mmproj.gguf";
                    case LORA -> "adapter.gguf";
                    case TEMPLATE -> "template.jinja";
                    default -> named != null ? named : "layer-" + hex.substring(0, 12);
                };
                add(file, blob, -1, false, size, code, notes);
            }
            if (!verified) {
                notes.add(layer + " (" + size + " bytes): digest not verified, only its size; hashing the whole blob is not needed to read headers");
            }
        }
    }

    private void add(String path, Path blob, long offset, boolean gzip, long size, boolean code, List<String> notes) {
        FileRole role = FileClassifier.classify(path, size);
        if (code && role.isLicenseLike()) {
            notes.add(path + ": in a code layer; its license covers the code, not the weights (not read as the model's license)");
            role = FileRole.OTHER;
        }
        if (files.containsKey(path)) {
            // Unpacking writes each in turn, so the last one is the file a user ends up with.
            diagnostics.add(new Diagnostic(path, "given twice (by two layers or two tar members); the last is read, as unpacking leaves it"));
        }
        files.put(path, new RepoFile(path, blob, role, size, blobs.dir(), 1, offset, gzip));
    }

    /** The file path a layer's annotation gives, checked not to climb out; null when none. */
    private String annotated(JsonNode l) {
        JsonNode a = l.path("annotations");
        String p = a.path(OciLayout.FILEPATH).asText(null);
        if (p == null) {
            p = a.path(OciLayout.TITLE).asText(null);
        }
        if (p == null || p.isBlank()) {
            return null;
        }
        String n = TarLayer.normalize(shown, "a layer annotation", p);
        return n.isEmpty() ? null : n;
    }

    private enum Kind { FILE, TAR, TAR_GZIP, COMPRESSED, DATASET, LICENSE, GGUF, SAFETENSORS, MMPROJ, LORA, TEMPLATE, SKIP }

    private Kind kind(String type) {
        Matcher mp = MODELPACK.matcher(type);
        if (mp.matches()) {
            if (mp.group(1).equals("dataset")) {
                return Kind.DATASET;
            }
            return switch (mp.group(2)) {
                case "tar" -> Kind.TAR;
                case "tar+gzip" -> Kind.TAR_GZIP;
                case "tar+zstd" -> Kind.COMPRESSED;
                default -> Kind.FILE;
            };
        }
        Matcher kp = KITOPS.matcher(type);
        if (kp.matches()) {
            if (kp.group(1).equals("dataset")) {
                return Kind.DATASET;
            }
            return switch (kp.group(2)) {
                case "tar" -> Kind.TAR;
                case "tar+gzip" -> Kind.TAR_GZIP;
                default -> Kind.COMPRESSED;
            };
        }
        if (type.startsWith(DOCKER)) {
            return switch (type.substring(DOCKER.length())) {
                case "gguf.v3" -> Kind.GGUF;
                case "gguf.v3.mmproj", "mmproj" -> Kind.MMPROJ;
                case "gguf.v3.lora" -> Kind.LORA;
                case "safetensors" -> Kind.SAFETENSORS;
                case "license" -> Kind.LICENSE;
                case "chat.template.jinja" -> Kind.TEMPLATE;
                case "vllm.config.tar" -> Kind.TAR;
                default -> Kind.SKIP;
            };
        }
        return Kind.SKIP;
    }

    /** How many layers hold weights by their media type (whatever their files are named). */
    int weightLayers() {
        return weightLayers;
    }

    List<RepoFile> files() {
        return new ArrayList<>(files.values());
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    List<Diagnostic> unwalked() {
        return unwalked;
    }
}
