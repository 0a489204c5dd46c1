package dev.canship.source.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The {@code --cache DIR} folder: what was fetched from the Hub, kept for the next run (and for HF_HUB_OFFLINE=1).
 * Laid out by repository and commit: {@code DIR/ORG/NAME/refs/REV} holds the commit a revision resolved to,
 * {@code DIR/ORG/NAME/SHA/listing.json} the listing, {@code DIR/ORG/NAME/SHA/files/PATH} the bytes fetched from the
 * start of each file (the whole of a small file, the header of a weight file), {@code DIR/ORG/NAME/SHA/ranges/PATH@OFFSET}
 * the ranges read further on (a zip checkpoint's directory and pickle members). Every path part was checked before it
 * gets here (repository name, 40-hex commit, listing paths), and reads are bounded like a fetch.
 */
final class HubCache {

    private final Path dir;
    private final String repo;

    HubCache(Path dir, String repo) {
        this.dir = dir;
        this.repo = repo;
    }

    Optional<String> ref(String revision) {
        return read(refFile(revision), 64).map(b -> new String(b, StandardCharsets.US_ASCII).strip())
                .filter(s -> s.matches("[0-9a-f]{40}"));
    }

    void putRef(String revision, String sha) {
        write(refFile(revision), sha.getBytes(StandardCharsets.US_ASCII));
    }

    Optional<byte[]> listing(String sha, long max) {
        return read(base(sha).resolve("listing.json"), max);
    }

    void putListing(String sha, byte[] body) {
        write(base(sha).resolve("listing.json"), body);
    }

    /** The bytes kept of a file, from its start (at most {@code max}). */
    Optional<byte[]> file(String sha, String path, long max) {
        return read(fileOf(sha, path), max);
    }

    void putFile(String sha, String path, byte[] prefix) {
        write(fileOf(sha, path), prefix);
    }

    /** A range kept from {@code offset} of a file (a zip's directory, a member's header), at most {@code max} bytes. */
    Optional<byte[]> range(String sha, String path, long offset, long max) {
        return read(rangeOf(sha, path, offset), max);
    }

    void putRange(String sha, String path, long offset, byte[] bytes) {
        write(rangeOf(sha, path, offset), bytes);
    }

    /** {@code ranges/PATH@OFFSET}: the offset after the last {@code @} is digits only, so no two (path, offset) pairs meet. */
    private Path rangeOf(String sha, String path, long offset) {
        Path ranges = base(sha).resolve("ranges");
        Path p = ranges.resolve(path + "@" + offset).normalize();
        if (!p.startsWith(ranges)) {
            throw new IllegalArgumentException("cache path outside the cache: " + path);
        }
        return p;
    }

    private Path refFile(String revision) {
        return dir.resolve(repo).resolve("refs").resolve(URLEncoder.encode(revision, StandardCharsets.UTF_8));
    }

    private Path base(String sha) {
        return dir.resolve(repo).resolve(sha);
    }

    private Path fileOf(String sha, String path) {
        Path files = base(sha).resolve("files");
        Path p = files.resolve(path).normalize();
        if (!p.startsWith(files)) {
            throw new IllegalArgumentException("cache path outside the cache: " + path);
        }
        return p;
    }

    private static Optional<byte[]> read(Path p, long max) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 16)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Written beside and moved into place, so a reader never sees half a file. */
    private static void write(Path p, byte[] bytes) {
        try {
            Files.createDirectories(p.getParent());
            Path tmp = Files.createTempFile(p.getParent(), ".part-", "");
            Files.write(tmp, bytes);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HubException("--cache " + p.getParent() + ": cannot write (" + e.getClass().getSimpleName() + ")");
        }
    }
}
