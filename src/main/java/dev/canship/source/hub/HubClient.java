package dev.canship.source.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * GET requests to the Hub with the JDK's HTTP client: bounded bodies, timeouts, retries with exponential back-off on
 * 5xx, 429 and broken connections (honouring {@code Retry-After} seconds, bounded), and redirects followed by hand so
 * that the token goes only to the endpoint itself (the Hub sends file downloads on to a CDN with a 302).
 */
final class HubClient {

    static final int MAX_ATTEMPTS = 4;
    static final int MAX_REDIRECTS = 5;
    static final long MAX_RETRY_AFTER_SECONDS = 30;
    private static final long BACKOFF_MILLIS = 250;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One answer: its status, headers, at most the bytes asked for, and whether the server had more to send.
     */
    record Response(int status, HttpHeaders headers, byte[] body, boolean more) {
    }

    /**
     * Reads answer bodies off the caller's thread, so that a server sending a body byte by byte meets a deadline:
     * the client's request timeout ends with the headers. Daemon threads: one stuck on a dead stream never holds
     * the process.
     */
    private static final java.util.concurrent.ExecutorService BODY_READER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "canship-hub-body");
        t.setDaemon(true);
        return t;
    });

    private final HubSettings settings;
    private final HttpClient http;
    private final Duration bodyDeadline;

    HubClient(HubSettings settings) {
        this(settings, REQUEST_TIMEOUT);
    }

    /** With {@code bodyDeadline}: how long an answer's body may take once its headers are in (tests shorten it). */
    HubClient(HubSettings settings, Duration bodyDeadline) {
        this.bodyDeadline = Objects.requireNonNull(bodyDeadline);
        this.settings = Objects.requireNonNull(settings);
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * GETs {@code uri} ({@code range} a {@code Range} header value or null) and reads at most {@code maxBody} bytes
     * of the answer. Redirects are followed (to https, or within the endpoint); what is left of a failure after the
     * retries is the caller's to name, except an unreachable host, which is a {@link HubException} here.
     */
    Response get(URI uri, String range, long maxBody) {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            Response r = withRetries(current, range, maxBody);
            if (r.status() < 300 || r.status() >= 400 || r.status() == 304) {
                return r;
            }
            String location = r.headers().firstValue("location").orElse(null);
            if (location == null) {
                throw new HubException(shown(current) + ": redirect (HTTP " + r.status() + ") without a Location");
            }
            if (redirects >= MAX_REDIRECTS) {
                throw new HubException(shown(current) + ": more than " + MAX_REDIRECTS + " redirects");
            }
            URI next;
            try {
                next = current.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new HubException(shown(current) + ": redirected to a malformed address");
            }
            if (!"https".equalsIgnoreCase(next.getScheme()) && !sameOrigin(next, settings.endpoint())) {
                throw new HubException(shown(current) + ": redirected to " + shown(next) + ", neither https nor the endpoint; not followed");
            }
            current = next;
        }
    }

    private Response withRetries(URI uri, String range, long maxBody) {
        IOException last = null;
        for (int attempt = 1; ; attempt++) {
            try {
                Response r = once(uri, range, maxBody);
                boolean retry = r.status() >= 500 || r.status() == 429;
                if (!retry || attempt >= MAX_ATTEMPTS) {
                    return r;
                }
                pause(retryAfter(r.headers()), attempt);
            } catch (IOException e) {
                // A refused or reset connection, a timeout: the next attempt may get through.
                last = e;
                if (attempt >= MAX_ATTEMPTS) {
                    throw new HubException("cannot reach " + shown(settings.endpoint()) + " (" + reason(last) + ", "
                            + MAX_ATTEMPTS + " attempts); check the network or HF_ENDPOINT");
                }
                pause(-1, attempt);
            }
        }
    }

    private Response once(URI uri, String range, long maxBody) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(REQUEST_TIMEOUT)
                .header("User-Agent", "canship")
                .header("Accept-Encoding", "identity");
        if (range != null) {
            b.header("Range", range);
        }
        if (settings.token() != null && sameOrigin(uri, settings.endpoint())) {
            // Only the endpoint gets the token: a CDN or any other host a redirect names never sees it.
            b.header("Authorization", "Bearer " + settings.token());
        }
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(shown(uri) + ": interrupted");
        }
        InputStream in = resp.body();
        java.util.concurrent.Future<Response> read = BODY_READER.submit(() -> {
            byte[] body = in.readNBytes((int) Math.min(maxBody, Integer.MAX_VALUE - 16));
            // One byte more says whether the server sent more than was asked for; the rest is never read.
            boolean more = in.read() >= 0;
            return new Response(resp.statusCode(), resp.headers(), body, more);
        });
        try {
            return read.get(bodyDeadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            read.cancel(true);
            // A server that trickles its answer would hold canship for ever; not retried, since it would again.
            throw new HubException(shown(uri) + ": the server did not finish its answer within "
                    + (bodyDeadline.toMillis() >= 1000 ? bodyDeadline.toSeconds() + " s" : bodyDeadline.toMillis() + " ms")
                    + "; check the network or HF_ENDPOINT");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(shown(uri) + ": interrupted");
        } finally {
            in.close();
        }
    }

    /** Seconds from {@code Retry-After} (bounded), or -1 when absent or not a number of seconds. */
    static long retryAfter(HttpHeaders headers) {
        String v = headers.firstValue("retry-after").orElse("").strip();
        if (!v.matches("\\d{1,9}")) {
            return -1;
        }
        return Math.min(Long.parseLong(v), MAX_RETRY_AFTER_SECONDS);
    }

    private static void pause(long retryAfterSeconds, int attempt) {
        long millis = retryAfterSeconds >= 0 ? retryAfterSeconds * 1000 : BACKOFF_MILLIS << (attempt - 1);
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while waiting to retry the Hub");
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** An address as messages show it: scheme, host and path, never a query (a CDN's signed parameters). */
    static String shown(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? kind : kind + ": " + m.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
    }
}
