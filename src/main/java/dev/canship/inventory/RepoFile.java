package dev.canship.inventory;

import java.nio.file.Path;

/**
 * A regular file inside the scanned repository.
 *
 * @param path     the path relative to the repository root, with forward slashes
 * @param absolute where to read it (inside the root, or inside the Hugging Face cache entry it belongs to)
 * @param role     what the file is
 * @param size     its size in bytes as the file system reports it (sparse files report their full length)
 */
public record RepoFile(String path, Path absolute, FileRole role, long size) implements Comparable<RepoFile> {

    /** The file name without folders. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    @Override
    public int compareTo(RepoFile o) {
        return path.compareTo(o.path);
    }
}
