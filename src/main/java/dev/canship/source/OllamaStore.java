package dev.canship.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.BadInputException;
import dev.canship.inventory.FencedOpen;
import dev.canship.inventory.FileClassifier;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.OneLine;
import dev.canship.inventory.Origin;
import dev.canship.inventory.RepoFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ollama model store ({@code OLLAMA_MODELS}, else {@code ~/.ollama/models}, else
 * {@code /usr/share/ollama/.ollama/models}). A model {@code NAME[:TAG]} is a JSON manifest under
 * {@code manifests/registry.ollama.ai/library/NAME/TAG} ({@code user/name} under {@code registry.ollama.ai/user/name},
 * a model pulled from another registry such as {@code hf.co/org/repo} under {@code manifests/hf.co/org/repo})
 * whose layers name content-addressed blobs {@code blobs/sha256-<hex>}. The model layer is listed as
 * {@code model.gguf} (only its header is ever read) and each license layer as a license document; small layers are
 * checked against their digest, the model layer is not (hashing gigabytes is not a license check), only its size.
 */
public final class OllamaStore {

    private static final String REGISTRY = "registry.ollama.ai";
    /**
     * {@code [HOST/]NAME[:TAG]}: NAME is {@code model} or {@code user/model}; HOST (a name with a dot, as
     * {@code hf.co}) is a registry other than Ollama's. Every segment starts with a letter or digit, so none is
     * {@code .} or {@code ..} and the manifest path stays under the store.
     */
    private static final Pattern REF = Pattern.compile(
            "(?:([a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9][a-z0-9-]{0,62})+)/)?([A-Za-z0-9][A-Za-z0-9._-]{0,127}(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,127})?)(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?");
    private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{64})");
    private static final long MAX_MANIFEST_BYTES = 1024 * 1024;
    /** Layers up to this size (license, params, template, system prompt) are hashed and compared with their digest. */
    static final long MAX_VERIFIED_BYTES = 16L * 1024 * 1024;
    private static final int MAX_LAYERS = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path store;

    public OllamaStore(Path store) {
        this.store = store;
    }

    /** The store Ollama itself would use on this machine. */
    public static OllamaStore fromEnvironment() {
        return of(System.getenv(), Path.of(System.getProperty("user.home", "/")));
    }

    static OllamaStore of(Map<String, String> env, Path home) {
        String configured = env.get("OLLAMA_MODELS");
        if (configured != null && !configured.isBlank()) {
            return new OllamaStore(Path.of(configured));
        }
        Path user = home.resolve(".ollama").resolve("models");
        if (Files.isDirectory(user)) {
            return new OllamaStore(user);
        }
        return new OllamaStore(Path.of("/usr/share/ollama/.ollama/models"));
    }

    /** The inventory of {@code ref} ({@code NAME[:TAG]}); {@code given} is what the user wrote, kept as the report path. */
    Inventory inventory(Path given, String ref) {
        Matcher m = REF.matcher(ref);
        if (!m.matches()) {
            throw new BadInputException(OneLine.of(given.toString()) + ": not an Ollama model name (ollama:NAME[:TAG], NAME may be user/name)");
        }
        String host = m.group(1);
        String name = m.group(2);
        String tag = m.group(3) == null ? "latest" : m.group(3);
        String shown = "ollama:" + (host == null ? "" : host + "/") + name + ":" + tag;
        Path blobs;
        Path manifest = store.resolve("manifests").resolve(host == null ? REGISTRY : host)
                .resolve(host == null && !name.contains("/") ? "library/" + name : name).resolve(tag);
        try {
            if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(shown + ": no such model in the Ollama store " + store + " (no manifest " + manifest + ")");
            }
            blobs = store.resolve("blobs").toRealPath();
        } catch (IOException e) {
            throw new BadInputException(shown + ": the Ollama store " + store + " has no blobs folder");
        }
        byte[] bytes = readManifest(shown, manifest);
        JsonNode layers;
        try {
            layers = JSON.readTree(bytes).path("layers");
        } catch (IOException e) {
            throw new BadInputException(shown + ": broken manifest " + manifest + " (not JSON)");
        }
        if (!layers.isArray() || layers.isEmpty() || layers.size() > MAX_LAYERS) {
            throw new BadInputException(shown + ": broken manifest " + manifest + " (no layers list, or more than " + MAX_LAYERS + ")");
        }
        List<RepoFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int licenses = 0;
        for (JsonNode l : layers) {
            if (l.path("mediaType").asText("").endsWith(".license")) {
                licenses++;
            }
        }
        int license = 0;
        boolean model = false;
        for (JsonNode l : layers) {
            String type = l.path("mediaType").asText("");
            Matcher d = DIGEST.matcher(l.path("digest").asText(""));
            if (!d.matches() || !l.path("size").canConvertToLong() || l.path("size").asLong() < 0) {
                throw new BadInputException(shown + ": broken manifest " + manifest + " (a layer without a sha256 digest or size)");
            }
            String file = switch (type) {
                case "application/vnd.ollama.image.model" -> model ? null : "model.gguf";
                case "application/vnd.ollama.image.license" -> licenses == 1 ? "LICENSE" : "LICENSE-" + (++license);
                case "application/vnd.ollama.image.params" -> "params.json";
                case "application/vnd.ollama.image.template" -> "template";
                case "application/vnd.ollama.image.system" -> "system";
                default -> null;
            };
            if (file == null) {
                notes.add("layer " + OneLine.of(type) + " (" + d.group(0) + ") not scanned");
                continue;
            }
            model |= file.equals("model.gguf");
            Path blob = blob(shown, blobs, d.group(1));
            long size = l.path("size").asLong();
            long actual = sizeOf(shown, blob);
            if (actual != size) {
                throw new BadInputException(shown + ": blob " + d.group(0) + " is " + actual + " bytes, the manifest says " + size + " (damaged or partly pulled)");
            }
            if (size <= MAX_VERIFIED_BYTES) {
                verify(shown, blobs, blob, d.group(1));
            } else {
                notes.add(file + " (" + size + " bytes): digest not verified, only its size; hashing the whole blob is not needed to read its header");
            }
            files.add(new RepoFile(file, blob, FileClassifier.classify(file, size), size, blobs, 1));
        }
        if (!model) {
            throw new BadInputException(shown + ": the manifest " + manifest + " has no model layer");
        }
        files.sort(null);
        String revision = "sha256:" + HexFormat.of().formatHex(sha256(bytes));
        notes.add(0, "Ollama model " + shown + " from the store " + store + ", manifest " + revision);
        return new Inventory(given, shown, files, List.of(), List.of(), new Origin("ollama", revision, notes));
    }

    private static byte[] readManifest(String shown, Path manifest) {
        try {
            if (Files.size(manifest) > MAX_MANIFEST_BYTES) {
                throw new BadInputException(shown + ": manifest " + manifest + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
            }
            try (FileChannel ch = FileChannel.open(manifest, java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.allocate((int) MAX_MANIFEST_BYTES + 1);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read to the bound
                }
                if (!buf.hasRemaining()) {
                    throw new BadInputException(shown + ": manifest " + manifest + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
                }
                return java.util.Arrays.copyOf(buf.array(), buf.position());
            }
        } catch (IOException e) {
            throw new BadInputException(shown + ": manifest " + manifest + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The blob's real path, which must stay inside the blobs folder. */
    private static Path blob(String shown, Path blobs, String hex) {
        Path p = blobs.resolve("sha256-" + hex);
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(blobs) || real.equals(blobs) || !Files.isRegularFile(real)) {
                throw new BadInputException(shown + ": blob sha256:" + hex + " is not a file inside " + blobs);
            }
            return real;
        } catch (IOException e) {
            throw new BadInputException(shown + ": blob sha256:" + hex + " is missing from " + blobs);
        }
    }

    private static long sizeOf(String shown, Path blob) {
        try {
            return Files.size(blob);
        } catch (IOException e) {
            throw new BadInputException(shown + ": " + blob + " cannot be read (" + e.getMessage() + ")");
        }
    }

    private static void verify(String shown, Path blobs, Path blob, String hex) {
        MessageDigest md = sha256();
        try (FileChannel ch = FencedOpen.open(blobs, blob)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            long total = 0;
            while (ch.read(buf) > 0) {
                buf.flip();
                total += buf.remaining();
                if (total > MAX_VERIFIED_BYTES) {
                    throw new BadInputException(shown + ": blob sha256:" + hex + " grew while it was read");
                }
                md.update(buf);
                buf.clear();
            }
        } catch (IOException e) {
            throw new BadInputException(shown + ": blob sha256:" + hex + " cannot be read (" + e.getMessage() + ")");
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(hex)) {
            throw new BadInputException(shown + ": blob sha256:" + hex + " does not match its digest (its content hashes to sha256:" + actual + ")");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** For tests and reports: the store folder. */
    public Path store() {
        return store;
    }

}
