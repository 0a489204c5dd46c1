package dev.canship.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A regular file inside the scanned repository.
 *
 * @param path     the path relative to the repository root, with forward slashes
 * @param absolute where to read it (inside the root, or inside the Hugging Face cache entry it belongs to): a real path;
 *                 null for a remote file
 * @param role     what the file is
 * @param size     its size in bytes as the file system reports it (sparse files report their full length)
 * @param fence    the real path of the folder nothing may be read outside of (the root, or the cache entry); null
 *                 for a file not found by a scan
 * @param links    its hard-link count ({@code unix:nlink}); above 1 the same file may also be anywhere else
 * @param offset   -1 for a whole file; else where this file's bytes start inside {@code absolute} (a member of a tar
 *                 layer of an OCI artifact, read in place: never extracted to disk)
 * @param gzip     {@code absolute} is a gzip-compressed tar and {@code offset} counts decompressed bytes
 * @param remote   where the bytes come from when they are not on this machine (a file on the Hugging Face Hub, read
 *                 only as far as a reader asks); null for a local file, whose {@code absolute} is then set
 */
public record RepoFile(String path, Path absolute, FileRole role, long size, Path fence, int links, long offset, boolean gzip,
                       Remote remote)
        implements Comparable<RepoFile> {

    /**
     * The bytes of a file that is not on this machine. Opening it costs nothing; each read fetches what it asks for
     * (bounded by the source), so the existing readers read a remote header exactly as they read a local one.
     */
    @FunctionalInterface
    public interface Remote {
        /** A read-only channel of the file's full size; a read the source will not serve fails with an {@link IOException}. */
        FileChannel open() throws IOException;

        /** Whether every byte is already on this machine (fetched, or cached): reading it then costs no request. */
        default boolean held() {
            return false;
        }
    }

    public RepoFile {
        if (offset < -1 || (gzip && offset < 0)) {
            throw new IllegalArgumentException("offset " + offset);
        }
        if (absolute != null && remote != null) {
            throw new IllegalArgumentException("a file is local (absolute) or remote, not both");
        }
    }

    public RepoFile(String path, Path absolute, FileRole role, long size, Path fence, int links, long offset, boolean gzip) {
        this(path, absolute, role, size, fence, links, offset, gzip, null);
    }

    public RepoFile(String path, Path absolute, FileRole role, long size, Path fence, int links) {
        this(path, absolute, role, size, fence, links, -1, false);
    }

    /** A file on a remote store, listed with its size, read through {@code remote}. */
    public static RepoFile remote(String path, FileRole role, long size, Remote remote) {
        return new RepoFile(path, null, role, size, null, 1, -1, false, java.util.Objects.requireNonNull(remote, "remote"));
    }

    /** The same file under another path or role (a member listed where it belongs, a license set aside). */
    public RepoFile as(String newPath, FileRole newRole) {
        return new RepoFile(newPath, absolute, newRole, size, fence, links, offset, gzip, remote);
    }

    /** Whether the file can be opened now: a remote file always; a local one while it is still a regular file (not swapped for a FIFO). */
    public boolean openable() {
        return remote != null || (absolute != null && java.nio.file.Files.isRegularFile(absolute));
    }

    public RepoFile(String path, Path absolute, FileRole role, long size) {
        this(path, absolute, role, size, null, 1);
    }

    /** A member of a container file (a tar layer): its bytes are {@code size} bytes at {@code offset} of {@code absolute}. */
    public boolean member() {
        return offset >= 0;
    }

    /** The file name without folders. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** A file with more than one hard link: its content may be a file outside the repository (see README). */
    public boolean hardLinked() {
        return links > 1;
    }

    /** Opens the file (a member: only its own bytes) for reading, checked against the fence at the point of opening ({@link FencedOpen}). */
    public FileChannel open() throws IOException {
        if (remote != null) {
            return remote.open();
        }
        FileChannel ch = FencedOpen.open(fence, absolute);
        if (!member()) {
            return ch;
        }
        return gzip ? new InflatedChannel(ch, offset, size) : new SliceChannel(ch, offset, size);
    }

    /** {@link #open()} as a stream. */
    public InputStream openStream() throws IOException {
        return Channels.newInputStream(open());
    }

    @Override
    public int compareTo(RepoFile o) {
        return path.compareTo(o.path);
    }
}
