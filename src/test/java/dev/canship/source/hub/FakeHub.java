package dev.canship.source.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stand-in for the Hub in tests: serves one folder as the repository {@code ORG/NAME} at one commit, with the
 * model API's listing and {@code resolve} downloads that honour Range requests. It counts every body byte it sends
 * and records each request, and can be told to misbehave (gated, a status for everything, 503s first, ignore Range,
 * misstate a size, list a hostile path, redirect elsewhere).
 */
final class FakeHub implements AutoCloseable {

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    /** One request as the server saw it. */
    record Request(String path, String range, String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Path root;
    private final String repo;
    final AtomicLong bytesSent = new AtomicLong();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    volatile int statusForAll;
    volatile boolean ignoreRange;
    final AtomicInteger unavailableFirst = new AtomicInteger();
    volatile long listedSizeDelta;
    volatile String extraListedPath;
    volatile String redirectFilesTo;
    volatile boolean gatedFiles;

    FakeHub(Path root, String repo) throws IOException {
        this.root = root;
        this.repo = repo;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            requests.add(new Request(path, ex.getRequestHeaders().getFirst("Range"), ex.getRequestHeaders().getFirst("Authorization")));
            if (unavailableFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.getResponseHeaders().add("Retry-After", "0");
                send(ex, 503, "busy".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (statusForAll != 0) {
                send(ex, statusForAll, "{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String api = "/api/models/" + repo + "/revision/";
            String resolve = "/" + repo + "/resolve/" + SHA + "/";
            if (path.startsWith(api)) {
                String rev = URLDecoder.decode(path.substring(api.length()), StandardCharsets.UTF_8);
                if (!rev.equals("main") && !rev.equals(SHA)) {
                    send(ex, 404, "{\"error\":\"Revision Not Found\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(ex, 200, listing());
            } else if (path.startsWith(resolve)) {
                if (gatedFiles) {
                    send(ex, 401, "{\"error\":\"Access to model is restricted\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (redirectFilesTo != null) {
                    ex.getResponseHeaders().add("Location", redirectFilesTo + path);
                    send(ex, 302, new byte[0]);
                    return;
                }
                String rel = URLDecoder.decode(path.substring(resolve.length()), StandardCharsets.UTF_8);
                Path file = root.resolve(rel).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    send(ex, 404, new byte[0]);
                    return;
                }
                serve(ex, file);
            } else {
                send(ex, 404, "{\"error\":\"Repository Not Found\"}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The client hung up (as it should once it has read what it asked for).
        }
    }

    private byte[] listing() throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("id", repo);
        o.put("sha", SHA);
        ArrayNode siblings = o.putArray("siblings");
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                ObjectNode f = siblings.addObject();
                f.put("rfilename", root.relativize(p).toString().replace('\\', '/'));
                long size = Files.size(p) + listedSizeDelta;
                f.put("size", size);
                f.put("blobId", "b".repeat(40));
                if (size > 10_000_000) {
                    f.putObject("lfs").put("sha256", "c".repeat(64)).put("size", size);
                }
            }
        }
        if (extraListedPath != null) {
            siblings.addObject().put("rfilename", extraListedPath).put("size", 1);
        }
        return m.writeValueAsBytes(o);
    }

    private void serve(HttpExchange ex, Path file) throws IOException {
        long size = Files.size(file);
        String range = ex.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        long from = 0;
        long to = size - 1;
        int status = 200;
        if (m != null && m.matches() && !ignoreRange) {
            from = Long.parseLong(m.group(1));
            to = Math.min(size - 1, Long.parseLong(m.group(2)));
            if (from >= size) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + size);
                send(ex, 416, new byte[0]);
                return;
            }
            status = 206;
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        ex.sendResponseHeaders(status, to - from + 1);
        try (FileChannel ch = FileChannel.open(file); OutputStream out = ex.getResponseBody()) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            long pos = from;
            while (pos <= to) {
                buf.clear().limit((int) Math.min(buf.capacity(), to - pos + 1));
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                out.write(buf.array(), 0, n);
                bytesSent.addAndGet(n);
                pos += n;
            }
        }
    }

    private void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            bytesSent.addAndGet(body.length);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
