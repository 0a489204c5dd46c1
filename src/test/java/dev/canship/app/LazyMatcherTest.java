package dev.canship.app;

import dev.canship.identify.TextMatcher;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LazyMatcherTest {

    @Test
    void loadsOnFirstUseOnlyAndOnce() {
        AtomicInteger loads = new AtomicInteger();
        TextMatcher.TextHit hit = new TextMatcher.TextHit("mit", "license", null, 1.0, List.of());
        LazyMatcher lazy = new LazyMatcher(() -> {
            loads.incrementAndGet();
            return text -> List.of(hit);
        });
        assertThat(loads).hasValue(0);
        assertThat(lazy.matchFile("MIT License")).containsExactly(hit);
        assertThat(lazy.match("MIT License", true)).containsExactly(hit);
        assertThat(loads).hasValue(1);
    }

    /** Pipeline turns a RuntimeException in identification into a review finding: a broken bundle must not become one. */
    @Test
    void aFailedLoadIsAnInternalErrorNotARuntimeException() {
        LazyMatcher lazy = new LazyMatcher(() -> {
            throw new IllegalStateException("licenses/fingerprints/mit.license.fp is missing from the build");
        });
        assertThatThrownBy(() -> lazy.match("text"))
                .isInstanceOf(InternalError.class)
                .hasMessageContaining("mit.license.fp is missing");
    }
}
