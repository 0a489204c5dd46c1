package dev.canship.source;

import dev.canship.BadInputException;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import dev.canship.source.kitops.KitopsFolder;
import dev.canship.source.mlflow.MlflowModel;
import dev.canship.source.hub.HubRef;
import dev.canship.source.hub.HubSettings;
import dev.canship.source.hub.HubSource;
import dev.canship.source.oci.OciLayout;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves where a model lives into the inventory of the files that make it up: a folder (a download, a Hugging Face
 * cache entry or snapshot, a {@code --local-dir} download), a single GGUF file, or an Ollama model named
 * {@code ollama:NAME[:TAG]}, an OCI image layout folder ({@code oci:PATH[:TAG]}, {@code PATH@sha256:DIGEST}), a
 * KitOps folder (a {@code Kitfile}), an MLflow transformers model folder ({@code MLmodel}), or a model on the Hugging
 * Face Hub ({@code hf:ORG/NAME[@REV]}, read remotely: see {@link HubSource}). Every later stage reads
 * only what the inventory lists, through its fence.
 */
public final class ModelSources {

    /** The prefix that names an Ollama model instead of a path. */
    public static final String OLLAMA = "ollama:";
    /** The prefix that names an OCI image layout folder, optionally with a tag: {@code oci:PATH[:TAG]}. */
    public static final String OCI = "oci:";
    private static final java.util.regex.Pattern AT_DIGEST = java.util.regex.Pattern.compile("(.+)@(sha256:[0-9a-f]{64})");

    private final InventoryScanner folders;
    private final OllamaStore ollama;
    private final ScanLimits limits;
    private final java.util.function.Supplier<HubSettings> hub;

    public ModelSources(ScanLimits limits, OllamaStore ollama) {
        this(limits, ollama, () -> HubSettings.fromEnvironment(System.getenv(), null));
    }

    /** {@code hub} is asked only when a repository is named {@code hf:...}, so a bad HF_ENDPOINT never stops a local scan. */
    public ModelSources(ScanLimits limits, OllamaStore ollama, java.util.function.Supplier<HubSettings> hub) {
        this.folders = new InventoryScanner(limits);
        this.ollama = ollama;
        this.limits = limits;
        this.hub = hub;
    }

    /** Throws {@link BadInputException} with one line when the place cannot be read as a model. */
    public Inventory inventory(Path given) {
        String arg = given.toString();
        if (HubRef.named(arg) && !Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
            return new HubSource(hub.get(), limits).inventory(given, HubRef.parse(arg));
        }
        if (arg.startsWith(OLLAMA) && !Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
            return ollama.inventory(given, arg.substring(OLLAMA.length()));
        }
        Inventory oci = oci(given, arg);
        if (oci != null) {
            return oci;
        }
        if (Files.isRegularFile(given)) {
            if (given.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")) {
                return GgufFile.inventory(given);
            }
            throw new BadInputException(given + ": not a folder or a .gguf file (give the folder of a downloaded model repository, a .gguf file or ollama:NAME[:TAG])");
        }
        return packaged(folders.scan(given));
    }

    /** An OCI layout folder and the manifest chosen in it (a tag, a digest, or null for the only one). */
    private record OciRef(Path dir, String select) {
    }

    /** An OCI layout named by {@code oci:PATH[:TAG]}, {@code PATH@sha256:...} or its folder; null when {@code given} names none. */
    private static Inventory oci(Path given, String arg) {
        if (Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
            return OciLayout.isLayout(given) ? new OciLayout().inventory(given, given, null) : null;
        }
        OciRef ref = ociRef(arg);
        if (ref != null) {
            return new OciLayout().inventory(given, ref.dir(), ref.select());
        }
        if (arg.startsWith(OCI)) {
            throw new BadInputException(dev.canship.inventory.OneLine.of(arg) + ": no such OCI layout folder (oci:PATH[:TAG] or PATH@sha256:DIGEST)");
        }
        return null;
    }

    private static OciRef ociRef(String arg) {
        java.util.regex.Matcher at = AT_DIGEST.matcher(arg);
        if (at.matches()) {
            String path = at.group(1).startsWith(OCI) ? at.group(1).substring(OCI.length()) : at.group(1);
            return new OciRef(Path.of(path), at.group(2));
        }
        if (!arg.startsWith(OCI)) {
            return null;
        }
        String rest = arg.substring(OCI.length());
        if (Files.isDirectory(Path.of(rest))) {
            return new OciRef(Path.of(rest), null);
        }
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && Files.isDirectory(Path.of(rest.substring(0, colon)))) {
            return new OciRef(Path.of(rest.substring(0, colon)), rest.substring(colon + 1));
        }
        return null;
    }

    /**
     * The local folder a repository argument reads from when it is not spelled as a path ({@code oci:PATH:TAG},
     * {@code PATH@sha256:...}): a report must not be written into it. Empty for anything else.
     */
    public static java.util.Optional<Path> localFolder(Path given) {
        if (Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        OciRef ref = ociRef(given.toString());
        return ref == null ? java.util.Optional.empty() : java.util.Optional.of(ref.dir());
    }

    /** A scanned folder that a packaging format describes (a KitOps Kitfile, an MLflow MLmodel) read with what it declares. */
    private static Inventory packaged(Inventory scanned) {
        var kitfile = KitopsFolder.kitfile(scanned);
        if (kitfile.isPresent()) {
            return KitopsFolder.inventory(scanned, kitfile.get());
        }
        var mlmodel = MlflowModel.mlmodel(scanned);
        return mlmodel.isPresent() ? MlflowModel.inventory(scanned, mlmodel.get()) : scanned;
    }
}
