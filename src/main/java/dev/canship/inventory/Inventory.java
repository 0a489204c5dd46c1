package dev.canship.inventory;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything found in one model repository: its files, sorted by path, and what could not be walked.
 *
 * @param root        the folder that was scanned, as given
 * @param name        a display name: the folder name, or {@code org/name} for a Hugging Face cache entry
 * @param files       regular files inside the root, sorted by path
 * @param diagnostics symlinks that escape the root, special files, limits reached
 * @param unwalked    what a bound kept out of {@code files}, by path, with the bound: folders deeper than
 *                    max-depth, files beyond max-files. Whatever is in them was never looked at, so it cannot pass.
 * @param origin      where the model lives and which revision was read
 */
public record Inventory(Path root, String name, List<RepoFile> files, List<Diagnostic> diagnostics, List<Diagnostic> unwalked, Origin origin) {

    public Inventory {
        files = List.copyOf(files);
        diagnostics = diagnostics.stream().sorted().toList();
        unwalked = unwalked.stream().sorted().toList();
        origin = origin == null ? Origin.FOLDER : origin;
    }

    /** A plain folder's inventory. */
    public Inventory(Path root, String name, List<RepoFile> files, List<Diagnostic> diagnostics, List<Diagnostic> unwalked) {
        this(root, name, files, diagnostics, unwalked, Origin.FOLDER);
    }

    /** An inventory that a bound did not cut short. */
    public Inventory(Path root, String name, List<RepoFile> files, List<Diagnostic> diagnostics) {
        this(root, name, files, diagnostics, List.of());
    }

    public List<RepoFile> withRole(FileRole role) {
        return files.stream().filter(f -> f.role() == role).toList();
    }

    public boolean has(FileRole role) {
        return files.stream().anyMatch(f -> f.role() == role);
    }
}
