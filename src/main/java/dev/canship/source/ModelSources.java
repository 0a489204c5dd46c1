package dev.canship.source;

import dev.canship.BadInputException;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves where a model lives into the inventory of the files that make it up: a folder (a download, a Hugging Face
 * cache entry or snapshot, a {@code --local-dir} download), a single GGUF file, or an Ollama model named
 * {@code ollama:NAME[:TAG]}. Every later stage reads only what the inventory lists, through its fence.
 */
public final class ModelSources {

    /** The prefix that names an Ollama model instead of a path. */
    public static final String OLLAMA = "ollama:";

    private final InventoryScanner folders;
    private final OllamaStore ollama;

    public ModelSources(ScanLimits limits, OllamaStore ollama) {
        this.folders = new InventoryScanner(limits);
        this.ollama = ollama;
    }

    /** Throws {@link BadInputException} with one line when the place cannot be read as a model. */
    public Inventory inventory(Path given) {
        String arg = given.toString();
        if (arg.startsWith(OLLAMA) && !Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
            return ollama.inventory(given, arg.substring(OLLAMA.length()));
        }
        if (Files.isRegularFile(given)) {
            if (given.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")) {
                return GgufFile.inventory(given);
            }
            throw new BadInputException(given + ": not a folder or a .gguf file (give the folder of a downloaded model repository, a .gguf file or ollama:NAME[:TAG])");
        }
        return folders.scan(given);
    }
}
