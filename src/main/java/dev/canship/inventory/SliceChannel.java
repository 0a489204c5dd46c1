package dev.canship.inventory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-only view of {@code length} bytes at {@code start} of another channel: a file stored inside an uncompressed
 * tar layer is read in place, with the same readers as a plain file, and no read can reach the bytes around it.
 */
final class SliceChannel extends ReadOnlyChannel {

    private final FileChannel inner;
    private final long start;
    private final long length;

    SliceChannel(FileChannel inner, long start, long length) {
        this.inner = inner;
        this.start = start;
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
        int want = (int) Math.min(dst.remaining(), length - pos);
        if (want == 0) {
            return 0;
        }
        ByteBuffer view = dst.duplicate();
        view.limit(view.position() + want);
        int n = inner.read(view, start + pos);
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    protected void implCloseChannel() throws IOException {
        inner.close();
    }
}
