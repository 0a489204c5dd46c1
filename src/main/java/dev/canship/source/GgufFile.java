package dev.canship.source;

import dev.canship.BadInputException;
import dev.canship.inventory.FileClassifier;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.Origin;
import dev.canship.inventory.RepoFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A single GGUF file scanned as a repository of one file. Its header metadata ({@code general.license},
 * {@code general.base_model.*}, ...) is the only evidence; the folder around it is never listed or read, since its
 * other files may belong to other models (a downloads folder, an LM Studio publisher folder).
 */
final class GgufFile {

    private GgufFile() {
    }

    static Inventory inventory(Path given) {
        Path real;
        long size;
        int links;
        try {
            real = given.toRealPath();
            size = Files.size(real);
            links = linkCount(real);
        } catch (IOException e) {
            throw new BadInputException(given + ": cannot be opened (" + e.getMessage() + ")");
        }
        Path fence = real.getParent();
        if (fence == null) {
            throw new BadInputException(given + ": not a file inside a folder");
        }
        // Named as given (a symlink into a cache blob keeps its .gguf name); read at its real path, fenced to its folder.
        String name = given.getFileName().toString();
        RepoFile file = new RepoFile(name, real, FileClassifier.classify(name, size), size, fence, links);
        Origin origin = new Origin("gguf-file", null,
                List.of("a single GGUF file: only its header was read; the files beside it were not listed"));
        return new Inventory(given, name, List.of(file), List.of(), List.of(), origin);
    }

    private static int linkCount(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 1;
        }
    }
}
