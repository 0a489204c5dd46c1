package dev.canship.inventory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens a repository file so that what is opened is inside the scanned folder at the moment of opening, not only
 * when the folder was listed: a file or folder swapped for a symlink between listing and reading (TOCTOU) cannot
 * lead outside. On Linux the path is walked from the fence folder one name at a time with {@code openat} and
 * {@code O_NOFOLLOW} ({@link SecureDirectoryStream}), so no symlink is followed at any step; elsewhere the file is
 * opened without following a final symlink and its real path is checked again after opening.
 */
public final class FencedOpen {

    private static final Set<OpenOption> READ_NOFOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private FencedOpen() {
    }

    /**
     * Opens {@code file} (a real path) for reading if it lies inside {@code fence} (the real path of the scanned
     * folder, or of the Hugging Face cache entry); a null fence opens it plainly (files not from a scan).
     */
    public static FileChannel open(Path fence, Path file) throws IOException {
        if (fence == null) {
            return FileChannel.open(file, StandardOpenOption.READ);
        }
        if (!file.isAbsolute() || !file.normalize().equals(file) || !file.startsWith(fence) || file.equals(fence)) {
            throw new IOException("outside the scanned folder; not opened");
        }
        Path rel = fence.relativize(file);
        List<DirectoryStream<Path>> opened = new ArrayList<>();
        try {
            DirectoryStream<Path> top = Files.newDirectoryStream(fence);
            opened.add(top);
            if (!(top instanceof SecureDirectoryStream<Path> dir)) {
                return openAndRecheck(fence, file);
            }
            for (int i = 0; i < rel.getNameCount() - 1; i++) {
                dir = dir.newDirectoryStream(rel.getName(i), LinkOption.NOFOLLOW_LINKS);
                opened.add(dir);
            }
            SeekableByteChannel ch = dir.newByteChannel(rel.getFileName(), READ_NOFOLLOW);
            if (ch instanceof FileChannel fc) {
                return fc;
            }
            ch.close();
            return openAndRecheck(fence, file);
        } catch (IOException e) {
            // ELOOP (the JDK reports it as a plain IOException) or ENOTDIR: a name on the way became a symlink (or a
            // file) after the folder was listed; or it is gone.
            throw new IOException("changed since the folder was listed (" + reason(e) + "); not opened, nothing outside the scanned folder is read", e);
        } finally {
            for (DirectoryStream<Path> d : opened) {
                try {
                    d.close();
                } catch (IOException ignored) {
                    // Closing a directory handle cannot lose data.
                }
            }
        }
    }

    /** Where {@link SecureDirectoryStream} is not offered: no final symlink followed, and the real path checked after opening. */
    private static FileChannel openAndRecheck(Path fence, Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, READ_NOFOLLOW);
        if (!file.toRealPath().startsWith(fence)) {
            ch.close();
            throw new IOException("resolves outside the scanned folder since it was listed; not read");
        }
        return ch;
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
