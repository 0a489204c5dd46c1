package dev.canship.source.hub;

import dev.canship.inventory.ReadOnlyChannel;
import dev.canship.inventory.RepoFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of a Hub revision, read only as far as a reader asks and never more than {@code bound} bytes: a read just
 * past what was fetched extends the fetched start of the file with a Range request ({@code /REPO/resolve/SHA/PATH}),
 * in growing steps, so the existing safetensors, GGUF and text readers read a remote header as they read a local
 * file; a read further on (a zip's central directory at the end, one member's local header) fetches a small range
 * there. A small file is fetched whole in one request. What was fetched is kept in memory (and in the cache, if any).
 */
final class HubFile implements RepoFile.Remote {

    /** The smallest step a read past the fetched bytes fetches (a safetensors header length and most headers). */
    static final int STEP = 64 * 1024;
    /** What a read away from the fetched start fetches at least (a zip member's local header and first bytes). */
    static final int RANDOM_STEP = 16 * 1024;
    /** Range requests one file may cost away from its start (a zip with thousands of members is read no further). */
    static final int MAX_RANGES = 4096;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HubSource.Session session;
    private final String path;
    private final long size;
    private final long bound;
    private final long first;
    private byte[] fetched = new byte[0];
    private boolean cacheRead;
    /** Ranges fetched away from the start, by offset. */
    private final java.util.TreeMap<Long, byte[]> ranges = new java.util.TreeMap<>();
    private long rangeBytes;

    /**
     * @param size  the size the listing gives
     * @param bound at most this many bytes from the start are ever fetched
     * @param first how many bytes the first fetch takes (the whole of a small file; a header's worth of a weight file)
     */
    HubFile(HubSource.Session session, String path, long size, long bound, long first) {
        this.session = session;
        this.path = path;
        this.size = size;
        this.bound = bound;
        this.first = first;
    }

    @Override
    public FileChannel open() {
        return new Channel();
    }

    @Override
    public synchronized boolean held() {
        return fetched.length == size;
    }

    private synchronized int read(ByteBuffer dst, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (pos >= size) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), size - pos);
        if (want == 0) {
            return 0;
        }
        if (pos > fetched.length) {
            return readAway(dst, pos, want);
        }
        if (pos + want > fetched.length) {
            extend(pos + want);
        }
        if (pos >= fetched.length) {
            throw new IOException("only the first " + fetched.length + " bytes of this file are read from the Hub (a scan limit)");
        }
        int n = (int) Math.min(want, fetched.length - pos);
        dst.put(fetched, (int) pos, n);
        return n;
    }

    /** A read that does not continue the fetched start: served from a range fetched there (or the cache). */
    private int readAway(ByteBuffer dst, long pos, int want) throws IOException {
        var held = ranges.floorEntry(pos);
        if (held == null || pos >= held.getKey() + held.getValue().length) {
            Optional<byte[]> kept = session.cachedRange(path, pos, bound);
            byte[] got;
            if (kept.isPresent() && kept.get().length > 0) {
                got = kept.get();
            } else {
                long end = Math.min(size, pos + Math.max(want, RANDOM_STEP));
                if (ranges.size() >= MAX_RANGES || rangeBytes + (end - pos) > bound) {
                    throw new IOException("reading it needs more than " + MAX_RANGES + " ranges or " + bound
                            + " bytes from the Hub (a scan limit)");
                }
                got = fetch(pos, end);
                session.keepRange(path, pos, got);
            }
            ranges.put(pos, got);
            rangeBytes += got.length;
            held = ranges.floorEntry(pos);
        }
        int n = (int) Math.min(want, held.getKey() + held.getValue().length - pos);
        dst.put(held.getValue(), (int) (pos - held.getKey()), n);
        return n;
    }

    /** Fetches up to {@code end} (more in one step when cheap), from the cache when it holds it, else from the Hub. */
    private void extend(long end) {
        long limit = Math.min(size, bound);
        if (fetched.length >= limit) {
            return;
        }
        if (!cacheRead) {
            cacheRead = true;
            Optional<byte[]> kept = session.cached(path, limit);
            if (kept.isPresent() && kept.get().length > fetched.length) {
                fetched = kept.get();
                if (fetched.length >= Math.min(end, limit)) {
                    return;
                }
            }
        }
        long step = fetched.length == 0 ? first : Math.max(STEP, 2L * fetched.length);
        long target = Math.min(limit, Math.max(end, fetched.length + step));
        byte[] more = fetch(fetched.length, target);
        byte[] joined = Arrays.copyOf(fetched, fetched.length + more.length);
        System.arraycopy(more, 0, joined, fetched.length, more.length);
        fetched = joined;
        session.keep(path, fetched);
    }

    /** Bytes {@code from} to {@code to} (exclusive), checked against what the listing says. */
    private byte[] fetch(long from, long to) {
        String where = session.where() + ": " + path;
        session.mustBeOnline(path);
        boolean whole = from == 0 && to == size;
        HubClient.Response r = session.client().get(session.resolve(path), "bytes=" + from + "-" + (to - 1), to - from);
        int status = r.status();
        if (status == 401 || status == 403) {
            throw HubSource.gated(session.where());
        }
        if (status == 404) {
            throw new HubException(where + ": listed but not found at this commit");
        }
        if (status == 416) {
            throw sizeMismatch(where, "the server has fewer bytes");
        }
        if (status == 200) {
            if (!whole) {
                // A server that ignores Range sends the whole file: at most the bytes asked for (plus one) were read.
                throw new HubException(where + ": the server ignored the Range request and sent the whole file; stopped after "
                        + r.body().length + " bytes (a weight file is only ever read by its header)");
            }
            if (r.body().length != to - from || r.more()) {
                throw sizeMismatch(where, "the server sent " + (r.more() ? "more than " : "") + r.body().length + " bytes");
            }
            return r.body();
        }
        if (status != 206) {
            throw new HubException(where + ": the Hub answered HTTP " + status);
        }
        Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("content-range").orElse("").strip());
        if (!m.matches() || Long.parseLong(m.group(1)) != from) {
            throw new HubException(where + ": the server answered a Range request with another range");
        }
        if (!m.group(3).equals("*") && Long.parseLong(m.group(3)) != size) {
            throw sizeMismatch(where, "the server says " + m.group(3) + " bytes");
        }
        if (Long.parseLong(m.group(2)) != to - 1 || r.body().length != to - from || r.more()) {
            throw sizeMismatch(where, "the server sent " + r.body().length + " bytes of the " + (to - from) + " asked for");
        }
        return r.body();
    }

    private HubException sizeMismatch(String where, String what) {
        return new HubException(where + ": size mismatch: listed as " + size + " bytes, " + what);
    }

    /** The file as a read-only channel of its listed size. */
    private final class Channel extends ReadOnlyChannel {

        @Override
        public int read(ByteBuffer dst, long pos) throws IOException {
            return HubFile.this.read(dst, pos);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        protected void implCloseChannel() {
            // Nothing is held open: each fetch is its own request.
        }
    }
}
