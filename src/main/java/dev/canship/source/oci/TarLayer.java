package dev.canship.source.oci;

import dev.canship.BadInputException;
import dev.canship.inventory.FencedOpen;
import dev.canship.inventory.OneLine;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of a tar layer, listed in place: each regular file becomes a name with the offset and length of its
 * bytes inside the blob (inside the decompressed stream of a gzip layer), so the readers open it like a file and
 * nothing is ever extracted. Of an uncompressed tar only headers are read (the data between them is skipped by
 * seeking); a gzip tar is decompressed once from its start to list it. The count of members is bounded.
 */
final class TarLayer {

    /** A regular file inside the tar: its bytes are {@code size} bytes at {@code offset} of the blob. */
    record Member(String path, long offset, long size) {
    }

    /** What a listing found: the files, what was left out (links, special files), and the bound that cut it short, or null. */
    record Listing(List<Member> members, List<String> skipped, String cut) {
    }

    /**
     * A gzip layer is listed only while it decompresses to at most this many times its size (plus 1 MiB): weights
     * barely compress and text about fourfold, so beyond it the layer is a decompression bomb, not a model.
     */
    static final int MAX_INFLATION = 20;

    /** Thrown inside the listing when a gzip layer decompresses past {@link #MAX_INFLATION}. */
    private static final class Inflated extends IOException {
        Inflated() {
            super("inflation bound");
        }
    }

    private TarLayer() {
    }

    /**
     * Lists the regular files of the tar blob {@code blob} (inside {@code fence}). A member whose name is absolute or
     * climbs out with {@code ..} is bad input: it could only be meant to land outside wherever it is unpacked.
     */
    static Listing list(String shown, String layer, Path fence, Path blob, boolean gzip, int maxMembers) {
        List<Member> members = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (FileChannel ch = FencedOpen.open(fence, blob);
             Counting counting = gzip ? new Counting(new GzipCompressorInputStream(new Counting(ch), true), ch.size() * MAX_INFLATION + (1 << 20))
                     : new Counting(ch);
             TarArchiveInputStream tar = new TarArchiveInputStream(counting)) {
            TarArchiveEntry e;
            int seen = 0;
            while ((e = tar.getNextEntry()) != null) {
                if (++seen > maxMembers) {
                    return new Listing(members, skipped, "more than " + maxMembers + " tar members");
                }
                String name = normalize(shown, layer, e.getName());
                if (e.isDirectory() || name.isEmpty()) {
                    continue;
                }
                if (!e.isFile() || e.isSparse()) {
                    skipped.add(name + " (" + (e.isSymbolicLink() || e.isLink() ? "a link" : "not a regular file") + " inside " + layer + "; not followed)");
                    continue;
                }
                members.add(new Member(name, counting.position(), e.getSize()));
            }
        } catch (Inflated e) {
            return new Listing(members, skipped, "it decompresses to more than " + MAX_INFLATION + " times its size");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? (e instanceof java.io.EOFException ? "it ends early" : e.getClass().getSimpleName()) : e.getMessage();
            throw new BadInputException(shown + ": " + layer + " is not a readable tar (" + OneLine.of(why) + ")");
        }
        return new Listing(members, skipped, null);
    }

    /** The member's path with forward slashes and no {@code ./}; bad input when it would leave the folder it is unpacked into. */
    static String normalize(String shown, String layer, String raw) {
        String n = raw.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        boolean escapes = n.startsWith("/") || n.matches("^[A-Za-z]:.*");
        for (String part : n.split("/")) {
            escapes |= part.equals("..");
        }
        if (escapes) {
            throw new BadInputException(shown + ": " + layer + " holds the member " + OneLine.of(raw) + ", whose path leads outside the folder it would be unpacked into; not read");
        }
        return n.replaceAll("/+", "/").replaceAll("(^|/)\\./", "$1");
    }

    /**
     * A stream that knows its position: over the blob it skips by seeking (the data between headers is never read);
     * over a decompressing stream it skips by decompressing (a compressed tar can only be listed from its start).
     */
    private static final class Counting extends InputStream {
        private final FileChannel ch;
        private final InputStream in;
        private final long limit;
        private long position;

        Counting(FileChannel ch) {
            this.ch = ch;
            this.in = null;
            this.limit = Long.MAX_VALUE;
        }

        Counting(InputStream in, long limit) {
            this.ch = null;
            this.in = in;
            this.limit = limit;
        }

        private void advance(long n) throws Inflated {
            position += n;
            if (position > limit) {
                throw new Inflated();
            }
        }

        long position() {
            return position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in != null ? in.read(b, off, len) : ch.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (in != null) {
                // Skipped in steps, so that a bomb is stopped at the bound rather than after a whole member.
                long step = in.skip(Math.min(n, 1 << 20));
                advance(step);
                return step;
            }
            long step = Math.max(0, Math.min(n, ch.size() - position));
            position += step;
            return step;
        }

        @Override
        public int available() throws IOException {
            if (in != null) {
                return 0;
            }
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, ch.size() - position));
        }
    }
}
