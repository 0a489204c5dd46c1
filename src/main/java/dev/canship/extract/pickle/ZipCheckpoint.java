package dev.canship.extract.pickle;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;

/**
 * The zip container of PyTorch checkpoints ({@code archive/data.pkl} beside {@code archive/data/0...}), TorchScript
 * archives and {@code .npz} files. Before the zip reader opens it, the end-of-central-directory record is read by
 * hand and its entry count and directory size checked, so a zip claiming millions of entries costs nothing. Then
 * only the pickle entries are read (never the tensor data), each bounded by its declared size, the pickle-bytes
 * budget and a compression ratio: a zip bomb posing as {@code pytorch_model.bin} stops at its first kilobytes.
 */
final class ZipCheckpoint {

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int MAX_COMMENT = 0xffff;

    /** A pickle (or .npy) entry's bytes, read within bounds. */
    record Entry(String name, byte[] data) {
    }

    /** What the container holds: the entries to walk and how the archive looks. */
    record Contents(List<Entry> entries, boolean torchScript, int entryCount) {
    }

    private ZipCheckpoint() {
    }

    static boolean hasMagic(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    /** Opens one entry's (inflated) bytes. */
    @FunctionalInterface
    private interface EntryOpener {
        InputStream open(ZipEntry e) throws IOException;
    }

    /** Reads the entries whose names end in one of {@code suffixes}, within the bounds of {@code state}. */
    static Contents read(Path file, PickleScanState state, List<String> suffixes) throws PickleFormatException {
        try (FileChannel ch = FileChannel.open(file)) {
            return read(ch, state, suffixes);
        } catch (IOException e) {
            throw state.fail("cannot be read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * As {@link #read(Path, PickleScanState, List)} for a file read through {@code ch}: a file on disk, or a remote
     * file fetched by range. The end-of-central-directory record and the directory are read from the end, then only
     * the bytes of the entries this scan needs. One reader for both, Commons Compress, because java.util.zip opens
     * only files by path; the directory alone is trusted for names and sizes (local headers are not read for them),
     * as PyTorch's own reader does.
     */
    static Contents read(FileChannel ch, PickleScanState state, List<String> suffixes) throws PickleFormatException {
        try {
            checkDirectory(ch, state);
        } catch (IOException e) {
            throw state.fail("cannot be read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(ch).setIgnoreLocalFileHeader(true).get()) {
            return entries(zip.getEntries(), e -> zip.getInputStream((ZipArchiveEntry) e), state, suffixes);
        } catch (dev.canship.BadInputException e) {
            // The remote store failed: that ends the run (one line), it is not a property of this file.
            throw e;
        } catch (IOException | RuntimeException e) {
            // Malformed directories and entries come as IOExceptions, and a few as unchecked exceptions.
            throw notReadable(state, e);
        }
    }

    private static PickleFormatException notReadable(PickleScanState state, Exception e) {
        return state.fail("not a readable zip archive: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static Contents entries(Enumeration<? extends ZipEntry> en, EntryOpener zip, PickleScanState state, List<String> suffixes)
            throws IOException, PickleFormatException {
        List<Entry> out = new ArrayList<>();
        java.util.Set<String> read = new java.util.HashSet<>();
        boolean torchScript = false;
        int count = 0;
        while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            if (++count > state.limits().maxZipEntries()) {
                throw state.fail("zip has more than " + state.limits().maxZipEntries() + " entries (max-zip-entries)");
            }
            String name = e.getName();
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (torchScriptEntry(lower)) {
                torchScript = true;
            }
            if (e.isDirectory()) {
                continue;
            }
            // Suffixes are matched whatever their case (archive/DATA.PKL); numpy.load reads any member that starts
            // with the .npy magic as an array, whatever it is called, so every other member's first bytes are looked at.
            if (suffixes.stream().noneMatch(lower::endsWith) && !npyMagic(zip, e)) {
                continue;
            }
            if (!read.add(lower)) {
                // Readers disagree on which of two same-named entries they load: one could hide the other.
                throw state.fail("zip holds two entries named " + name + "; a loader may read either");
            }
            out.add(new Entry(name, readEntry(zip, e, state)));
        }
        return new Contents(out, torchScript, count);
    }

    /**
     * TorchScript archives keep Python-like source under {@code code/} (run by torch.jit.load), and their constants
     * and mobile bytecode in {@code constants.pkl} and {@code bytecode.pkl}; any of these, in any case, marks one.
     */
    static boolean torchScriptEntry(String lowerName) {
        String base = lowerName.substring(lowerName.lastIndexOf('/') + 1);
        return lowerName.startsWith("code/") || lowerName.contains("/code/") || base.equals("constants.pkl") || base.equals("bytecode.pkl");
    }

    private static boolean npyMagic(EntryOpener zip, ZipEntry e) throws IOException {
        if (e.getSize() == 0) {
            return false;
        }
        try (InputStream in = zip.open(e)) {
            return NpyHeader.hasMagic(in.readNBytes(NpyHeader.MAGIC.length));
        }
    }

    private static byte[] readEntry(EntryOpener zip, ZipEntry e, PickleScanState state) throws IOException, PickleFormatException {
        long declared = e.getSize();
        long compressed = e.getCompressedSize();
        long left = state.bytesLeft(0);
        int ratio = state.limits().maxZipRatio();
        if (declared > 0 && compressed >= 0 && e.getMethod() != ZipEntry.STORED && declared > Math.max(1, compressed) * (long) ratio) {
            throw state.fail("zip entry " + e.getName() + " expands " + declared + " bytes from " + compressed
                    + " (ratio over " + ratio + ", max-zip-ratio): a zip bomb");
        }
        if (declared > left) {
            throw state.fail("zip entry " + e.getName() + " declares " + declared + " bytes, over the " + left + " left of max-pickle-bytes");
        }
        long cap = declared >= 0 ? Math.min(declared, left) : left;
        byte[] data;
        try (InputStream in = zip.open(e)) {
            data = in.readNBytes((int) Math.min(cap, Integer.MAX_VALUE - 16));
            if (in.read() >= 0) {
                throw state.fail("zip entry " + e.getName() + " holds more than its declared " + (declared >= 0 ? declared + " bytes" : "size")
                        + (declared >= 0 ? "" : " allowed by max-pickle-bytes") + " (lying header or zip bomb)");
            }
        }
        if (declared >= 0 && data.length != declared) {
            throw state.fail("zip entry " + e.getName() + " holds " + data.length + " bytes, not the " + declared + " it declares (truncated)");
        }
        if (compressed > 0 && e.getMethod() != ZipEntry.STORED && data.length > compressed * (long) ratio) {
            throw state.fail("zip entry " + e.getName() + " expands beyond ratio " + ratio + " (max-zip-ratio): a zip bomb");
        }
        state.charge(data.length);
        return data;
    }

    /**
     * Finds the end-of-central-directory record (and its Zip64 form) and checks the entry count and directory size
     * against the bounds before anything is allocated for them.
     */
    private static void checkDirectory(FileChannel ch, PickleScanState state) throws PickleFormatException, IOException {
        long size = ch.size();
        int tail = (int) Math.min(size, 22 + MAX_COMMENT);
        ByteBuffer b = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b, size - tail);
        int at = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (b.getInt(i) == EOCD) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw state.fail("zip has no end-of-central-directory record (truncated or not a zip)");
        }
        long entries = b.getShort(at + 10) & 0xffffL;
        long cdSize = b.getInt(at + 12) & 0xffffffffL;
        long cdOffset = b.getInt(at + 16) & 0xffffffffL;
        if ((entries == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) && at >= 20 && b.getInt(at - 20) == ZIP64_LOCATOR) {
            long recordAt = b.getLong(at - 20 + 8);
            if (recordAt < 0 || recordAt > size - 56) {
                throw state.fail("zip64 end record offset " + recordAt + " lies outside the file");
            }
            ByteBuffer z = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, z, recordAt);
            if (z.getInt(0) != ZIP64_EOCD) {
                throw state.fail("zip64 end record not found where its locator points");
            }
            entries = z.getLong(32);
            cdSize = z.getLong(40);
            cdOffset = z.getLong(48);
        }
        if (entries < 0 || entries > state.limits().maxZipEntries()) {
            throw state.fail("zip declares " + Long.toUnsignedString(entries) + " entries, over the limit of "
                    + state.limits().maxZipEntries() + " (max-zip-entries)");
        }
        if (cdSize < 0 || cdSize > state.limits().maxHeaderBytes()) {
            throw state.fail("zip central directory of " + Long.toUnsignedString(cdSize) + " bytes is over the limit of "
                    + state.limits().maxHeaderBytes() + " (max-header-bytes)");
        }
        if (cdOffset < 0 || cdOffset + cdSize > size) {
            throw state.fail("zip central directory lies outside the file (truncated)");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new java.io.EOFException("end of file at byte " + p);
            }
            p += n;
        }
    }
}
