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
 * One file of a Hub revision, read only as far as a reader asks and never past {@code bound} bytes: each read beyond
 * what was fetched extends the fetched start of the file with a Range request ({@code /REPO/resolve/SHA/PATH}), in
 * growing steps, so the existing safetensors, GGUF and text readers read a remote header as they read a local file.
 * A small file is fetched whole in one request. What was fetched is kept in memory (and in the cache, if any).
 */
final class HubFile implements RepoFile.Remote {

    /** The smallest step a read past the fetched bytes fetches (a safetensors header length and most headers). */
    static final int STEP = 64 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HubSource.Session session;
    private final String path;
    private final long size;
    private final long bound;
    private final long first;
    private byte[] fetched = new byte[0];
    private boolean cacheRead;

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
