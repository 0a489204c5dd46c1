package dev.canship.extract;

import dev.canship.inventory.RepoFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Git LFS pointer standing where a file should be: a clone made without {@code git lfs} (or before
 * {@code git lfs pull}) holds a few lines naming the real file's hash and size instead of the file. Such a LICENSE
 * says nothing about the license, and such a weight file holds no weights; both must be named for what they are,
 * never read as the file.
 *
 * @param oid  the real file's SHA-256, hex
 * @param size the real file's size in bytes
 */
public record LfsPointer(String oid, long size) {

    /** The Git LFS specification caps a pointer at 1024 bytes; anything larger is not one, and is never read here. */
    static final int MAX_POINTER_BYTES = 1024;
    private static final String VERSION_LINE = "version https://git-lfs.github.com/spec/v1\n";
    private static final Pattern OID = Pattern.compile("(?m)^oid sha256:([0-9a-f]{64})$");
    private static final Pattern SIZE = Pattern.compile("(?m)^size (\\d{1,18})$");

    /** The pointer {@code f} is, or empty: only files of at most 1024 bytes are opened, and only that much is read. */
    public static Optional<LfsPointer> of(RepoFile f) {
        if (f.size() <= 0 || f.size() > MAX_POINTER_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = f.openStream()) {
            return parse(in.readNBytes(MAX_POINTER_BYTES));
        } catch (IOException e) {
            // Not readable as a pointer: the readers that open it next report why.
            return Optional.empty();
        }
    }

    /** The pointer these bytes are, or empty: the version line first, then an {@code oid sha256:} and a {@code size} line. */
    static Optional<LfsPointer> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!text.startsWith(VERSION_LINE)) {
            return Optional.empty();
        }
        Matcher oid = OID.matcher(text);
        Matcher size = SIZE.matcher(text);
        if (!oid.find() || !size.find()) {
            return Optional.empty();
        }
        return Optional.of(new LfsPointer(oid.group(1), Long.parseLong(size.group(1))));
    }

    /** What the file is and what to do, in one line: the words every report uses. */
    public String describe() {
        return "a Git LFS pointer to a " + size + "-byte file, not the file itself; run git lfs pull";
    }
}
