package dev.canship.source.hub;

import com.sun.net.httpserver.HttpServer;
import dev.canship.BadInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Where the token may go, and how long a server may make canship wait. */
class HubClientTest {

    private static final URI HUB = URI.create("https://huggingface.co");

    @Test
    void theTokenGoesOnlyToTheEndpointsOwnOriginNeverToTheCdnARedirectNames() {
        assertThat(HubClient.sameOrigin(URI.create("https://huggingface.co/api/models/a/b"), HUB)).isTrue();
        assertThat(HubClient.sameOrigin(URI.create("https://HuggingFace.co:443/a/b/resolve/x/y"), HUB)).isTrue();
        assertThat(HubClient.sameOrigin(URI.create("https://cdn-lfs.hf.co/repos/x"), HUB)).isFalse();
        assertThat(HubClient.sameOrigin(URI.create("http://huggingface.co/a"), HUB)).as("downgraded to http").isFalse();
        assertThat(HubClient.sameOrigin(URI.create("https://huggingface.co:8443/a"), HUB)).isFalse();
        assertThat(HubClient.sameOrigin(URI.create("https://huggingface.co.evil.example/a"), HUB)).isFalse();
    }

    @Test
    void retryAfterSecondsAreHonouredUpToABound() {
        assertThat(HubClient.retryAfter(headers("Retry-After", "3"))).isEqualTo(3);
        assertThat(HubClient.retryAfter(headers("Retry-After", "86400"))).isEqualTo(HubClient.MAX_RETRY_AFTER_SECONDS);
        assertThat(HubClient.retryAfter(headers("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"))).as("a date: back-off instead").isEqualTo(-1);
        assertThat(HubClient.retryAfter(headers("X-Other", "1"))).isEqualTo(-1);
    }

    @Test
    void messagesShowAnAddressWithoutItsQuery() {
        assertThat(HubClient.shown(URI.create("https://cdn-lfs.hf.co/repos/ab/cd?X-Amz-Signature=s3cr3t&Expires=1")))
                .isEqualTo("https://cdn-lfs.hf.co/repos/ab/cd");
    }

    /** The request timeout ends with the headers: a body sent a byte at a time must still end the request. */
    @Test
    void aServerThatTricklesItsAnswerIsStoppedAtTheDeadlineInOneLine() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up: that is the point
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            HubClient client = new HubClient(new HubSettings(endpoint, null, false, null), Duration.ofMillis(500));
            HubException e = catchThrowableOfType(HubException.class, () -> client.get(endpoint.resolve("/api/models/a/b"), null, 1 << 20));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).isEqualTo(endpoint + "/api/models/a/b: the server did not finish its answer within 500 ms; "
                    + "check the network or HF_ENDPOINT");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTokenAHeaderCannotCarryIsRefusedWithoutShowingIt() {
        BadInputException e = catchThrowableOfType(BadInputException.class,
                () -> HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_SECRET\nx"), null));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("HF_TOKEN: ").doesNotContain("SECRET");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "  hf_ok123  "), null).token()).isEqualTo("hf_ok123");
        // Plain http to another machine would carry the token readable; a mirror on this machine may.
        BadInputException http = catchThrowableOfType(BadInputException.class,
                () -> HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_SECRET", "HF_ENDPOINT", "http://mirror.example.org"), null));
        assertThat(http).isNotNull();
        assertThat(http.getMessage()).isEqualTo("HF_ENDPOINT http://mirror.example.org: plain http would send HF_TOKEN unencrypted; use https (or unset HF_TOKEN)");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_x", "HF_ENDPOINT", "http://127.0.0.1:8080"), null).token()).isEqualTo("hf_x");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror.example.org"), null).token()).isNull();
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }
}
