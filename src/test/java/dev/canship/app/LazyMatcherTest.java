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
    void aFailedLoadEndsTheRunInsteadOfBecomingAFinding(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        LazyMatcher broken = new LazyMatcher(() -> {
            throw new IllegalStateException("licenses/fingerprints/mit.license.fp is missing from the build");
        });
        java.nio.file.Path repo = java.nio.file.Files.createDirectories(dir.resolve("model"));
        java.nio.file.Files.writeString(repo.resolve("LICENSE"), "MIT License\n\nPermission is hereby granted, free of charge...\n");
        java.nio.file.Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\"}");
        Pipeline pipeline = new Pipeline(dev.canship.inventory.ScanLimits.DEFAULTS, dev.canship.identify.KnowledgeBase.bundled(), broken,
                new dev.canship.identify.TextTermReader(), java.time.Clock.systemUTC(), dev.canship.source.OllamaStore.fromEnvironment(),
                () -> dev.canship.source.hub.HubSettings.fromEnvironment(java.util.Map.of(), null));

        assertThatThrownBy(() -> pipeline.scan(repo))
                .isInstanceOf(LazyMatcher.BrokenBundleException.class)
                .hasMessageContaining("mit.license.fp is missing");
    }
}
