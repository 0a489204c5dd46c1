package dev.canship.inventory;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * A file stored inside a gzip-compressed tar layer, read in memory as far as a reader asks and never written to disk:
 * the layer is decompressed from its start up to the file, then only as many of the file's bytes as are read, at most
 * {@link #MAX_BYTES} (a license, a config, a weight file's header; never the tensors).
 */
final class InflatedChannel extends ReadOnlyChannel {

    /** The most of one file decompressed into memory. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private final FileChannel blob;
    private final long offset;
    private final long length;
    private InputStream in;
    private byte[] buf = new byte[0];
    private int filled;

    InflatedChannel(FileChannel blob, long offset, long length) {
        this.blob = blob;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (pos >= length) {
            return -1;
        }
        if (dst.remaining() == 0) {
            return 0;
        }
        if (pos >= MAX_BYTES) {
            throw new IOException("beyond the first " + MAX_BYTES + " bytes of a file inside a compressed layer; not decompressed");
        }
        long end = Math.min(Math.min(length, MAX_BYTES), pos + dst.remaining());
        fill((int) end);
        if (pos >= filled) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), filled - pos);
        dst.put(buf, (int) pos, n);
        return n;
    }

    private void fill(int end) throws IOException {
        if (end <= filled) {
            return;
        }
        if (in == null) {
            in = new GzipCompressorInputStream(Channels.newInputStream(blob.position(0)), true);
            in.skipNBytes(offset);
        }
        if (buf.length < end) {
            // Grow by doubling up to what may be read, so a header read in small steps is not copied again each time.
            long cap = Math.min(length, MAX_BYTES);
            buf = java.util.Arrays.copyOf(buf, (int) Math.max(end, Math.min(cap, (long) buf.length * 2)));
        }
        while (filled < end) {
            int n = in.read(buf, filled, end - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    protected void implCloseChannel() throws IOException {
        try {
            if (in != null) {
                in.close();
            }
        } finally {
            blob.close();
        }
    }
}
