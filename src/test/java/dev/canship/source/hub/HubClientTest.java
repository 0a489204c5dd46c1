package dev.canship.source.hub;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }
}
