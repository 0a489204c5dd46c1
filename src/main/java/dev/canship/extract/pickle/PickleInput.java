package dev.canship.extract.pickle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Bytes a pickle is walked over: an array (a zip entry or a nested pickle, already bounded) or a file channel
 * (a raw pickle file, whose large operands are skipped by seeking, never read). Positions are absolute, so
 * every error can name its byte.
 */
abstract class PickleInput {

    /** The next byte, or -1 at the end. */
    abstract int read() throws IOException;

    /** Exactly {@code n} bytes, or null when fewer are left (the caller reports truncation). */
    abstract byte[] read(int n) throws IOException;

    /** Moves forward {@code n} bytes without reading them; false when fewer are left. */
    abstract boolean skip(long n) throws IOException;

    abstract long position();

    /** Moves to an absolute position at or before the current one (to look at a byte twice). */
    abstract void seek(long position);

    abstract long remaining();

    /** Bytes read into memory so far (skipped bytes excluded): what the pickle-bytes bound charges. */
    abstract long bytesRead();

    static PickleInput of(byte[] data) {
        return new ArrayInput(data, 0);
    }

    static PickleInput of(FileChannel channel, long start) throws IOException {
        return new ChannelInput(channel, start);
    }

    private static final class ArrayInput extends PickleInput {
        private final byte[] data;
        private int pos;

        ArrayInput(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        @Override
        int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        byte[] read(int n) {
            if (n < 0 || n > data.length - pos) {
                return null;
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return out;
        }

        @Override
        boolean skip(long n) {
            if (n < 0 || n > data.length - pos) {
                return false;
            }
            pos += (int) n;
            return true;
        }

        @Override
        long position() {
            return pos;
        }

        @Override
        void seek(long position) {
            pos = (int) position;
        }

        @Override
        long remaining() {
            return data.length - pos;
        }

        @Override
        long bytesRead() {
            return 0;
        }
    }

    private static final class ChannelInput extends PickleInput {
        private final FileChannel ch;
        private final long size;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        /** File position of buf's first byte. */
        private long bufStart;
        private long read;

        ChannelInput(FileChannel ch, long start) throws IOException {
            this.ch = ch;
            this.size = ch.size();
            this.bufStart = start;
            buf.limit(0);
        }

        private boolean fill() throws IOException {
            bufStart += buf.position();
            buf.clear();
            int n = 0;
            while (n == 0) {
                n = ch.read(buf, bufStart);
            }
            buf.flip();
            return n > 0;
        }

        @Override
        int read() throws IOException {
            if (!buf.hasRemaining() && !fill()) {
                return -1;
            }
            read++;
            return buf.get() & 0xff;
        }

        @Override
        byte[] read(int n) throws IOException {
            if (n < 0 || n > remaining()) {
                return null;
            }
            byte[] out = new byte[n];
            int off = 0;
            while (off < n) {
                if (!buf.hasRemaining() && !fill()) {
                    return null;
                }
                int k = Math.min(n - off, buf.remaining());
                buf.get(out, off, k);
                off += k;
            }
            read += n;
            return out;
        }

        @Override
        boolean skip(long n) {
            if (n < 0 || n > remaining()) {
                return false;
            }
            if (n <= buf.remaining()) {
                buf.position(buf.position() + (int) n);
            } else {
                bufStart = position() + n;
                buf.clear().limit(0);
            }
            return true;
        }

        @Override
        long position() {
            return bufStart + buf.position();
        }

        @Override
        void seek(long position) {
            bufStart = position;
            buf.clear().limit(0);
        }

        @Override
        long remaining() {
            return size - position();
        }

        @Override
        long bytesRead() {
            return read;
        }
    }
}
