package dev.canship.source.oci;

import dev.canship.BadInputException;
import dev.canship.inventory.FencedOpen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content-addressed {@code blobs/sha256/} folder of an OCI image layout. Every blob is opened through the fence
 * of that folder (a blob that is a symlink out of it is bad input), and a blob's bytes are believed only after their
 * hash matched the digest that named them (small blobs; large weight layers are checked by size only).
 */
final class Blobs {

    static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{64})");
    /** Manifests, indexes and configs are small JSON documents; larger is not a model artifact. */
    static final long MAX_JSON_BYTES = 1024 * 1024;
    /** Layers up to this size (licenses, docs, configs, small tars) are hashed against their digest. */
    static final long MAX_VERIFIED_BYTES = 16L * 1024 * 1024;

    private final String shown;
    private final Path dir;

    private Blobs(String shown, Path dir) {
        this.shown = shown;
        this.dir = dir;
    }

    /** The blobs folder of the layout at {@code root} (a real path); it must be a real folder inside the layout. */
    static Blobs of(String shown, Path root) {
        Path sha = root.resolve("blobs").resolve("sha256");
        try {
            Path real = sha.toRealPath();
            if (!real.startsWith(root) || !Files.isDirectory(real)) {
                throw new BadInputException(shown + ": blobs/sha256 leads outside the layout folder (to " + real + "); not read");
            }
            return new Blobs(shown, real);
        } catch (IOException e) {
            throw new BadInputException(shown + ": the OCI layout has no blobs/sha256 folder");
        }
    }

    Path dir() {
        return dir;
    }

    /** The hex of a {@code sha256:} digest, or bad input naming {@code what}. */
    String hex(String digest, String what) {
        Matcher m = DIGEST.matcher(digest == null ? "" : digest);
        if (!m.matches()) {
            throw new BadInputException(shown + ": " + what + " has no sha256 digest (" + dev.canship.inventory.OneLine.of(String.valueOf(digest)) + ")");
        }
        return m.group(1);
    }

    /** The blob's real path: a regular file directly in the blobs folder. */
    Path path(String hex) {
        Path p = dir.resolve(hex);
        try {
            Path real = p.toRealPath();
            if (!real.getParent().equals(dir) || !Files.isRegularFile(real)) {
                throw new BadInputException(shown + ": blob sha256:" + hex + " is not a file inside " + dir + " (it leads outside the layout); not read");
            }
            return real;
        } catch (IOException e) {
            throw new BadInputException(shown + ": blob sha256:" + hex + " is missing from " + dir);
        }
    }

    /** A small JSON blob's bytes, checked against its digest (and its declared size, when given: {@code size >= 0}). */
    byte[] json(String hex, long size, String what) {
        Path p = path(hex);
        byte[] bytes = read(p, hex, MAX_JSON_BYTES, what);
        if (size >= 0 && bytes.length != size) {
            throw new BadInputException(shown + ": " + what + " sha256:" + hex + " is " + bytes.length + " bytes, its descriptor says " + size);
        }
        check(hex, sha256().digest(bytes));
        return bytes;
    }

    /** Checks a layer's size, and its digest when it is small enough to hash; returns whether the digest was checked. */
    boolean verify(String hex, long size, String what) {
        Path p = path(hex);
        long actual;
        try {
            actual = Files.size(p);
        } catch (IOException e) {
            throw new BadInputException(shown + ": blob sha256:" + hex + " cannot be read (" + e.getMessage() + ")");
        }
        if (actual != size) {
            throw new BadInputException(shown + ": " + what + " sha256:" + hex + " is " + actual + " bytes, the manifest says " + size + " (damaged or partly pulled)");
        }
        if (size > MAX_VERIFIED_BYTES) {
            return false;
        }
        MessageDigest md = sha256();
        try (FileChannel ch = FencedOpen.open(dir, p)) {
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
        check(hex, md.digest());
        return true;
    }

    private byte[] read(Path p, String hex, long max, String what) {
        try (FileChannel ch = FencedOpen.open(dir, p)) {
            ByteBuffer buf = ByteBuffer.allocate((int) max + 1);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read up to the bound
            }
            if (!buf.hasRemaining()) {
                throw new BadInputException(shown + ": " + what + " sha256:" + hex + " is larger than " + max + " bytes");
            }
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException e) {
            throw new BadInputException(shown + ": " + what + " sha256:" + hex + " cannot be read (" + e.getMessage() + ")");
        }
    }

    private void check(String hex, byte[] digest) {
        String actual = HexFormat.of().formatHex(digest);
        if (!actual.equals(hex)) {
            throw new BadInputException(shown + ": blob sha256:" + hex + " does not match its digest (its content hashes to sha256:" + actual + ")");
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
