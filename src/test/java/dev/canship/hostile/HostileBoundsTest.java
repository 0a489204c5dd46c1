package dev.canship.hostile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Inputs sized to exhaust memory or time unless every reader bounds what it keeps: headers with a million tensors,
 * megabytes of text shaped against regular expressions. The suite runs in a 256 MiB heap (see pom.xml); the 60 s
 * guards only stop a hang, they do not measure speed.
 */
class HostileBoundsTest {
    static final Duration HANG_GUARD = Duration.ofSeconds(Long.getLong("hang.guard", 60));
    static final int MILLION = 1_000_000;

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    @Test
    void aSafetensorsHeaderWithAMillionTensorsIsTotalledNotKept(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        millionTensorSafetensors(repo.resolve("model.safetensors"));
        Hostile.Run r = assertTimeoutPreemptively(HANG_GUARD, () -> Hostile.scan(repo));
        assertThat(r.diagnostics()).noneMatch(d -> d.startsWith("model.safetensors"));
        // Each tensor holds one F16 parameter: the total is exact although no tensor list was kept.
        assertThat(r.json().path("model").path("total_params").asLong()).isEqualTo(MILLION);
        assertThat(r.json().path("model").path("experts").asInt()).isEqualTo(200);
    }

    @Test
    void aGgufHeaderWithAMillionTensorsIsTotalledNotKept(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        millionTensorGguf(repo.resolve("model.gguf"));
        Hostile.Run r = assertTimeoutPreemptively(HANG_GUARD, () -> Hostile.scan(repo));
        assertThat(r.diagnostics()).noneMatch(d -> d.startsWith("model.gguf"));
        assertThat(r.json().path("model").path("total_params").asLong()).isEqualTo(32L * MILLION);
    }

    static final int FOUR_MIB = 4 << 20;

    /**
     * Repository text shaped against each class of backtracking regular expression, 4 MiB each (the default
     * max-text-bytes reads all of it). Each goes in as LICENSE and as the card body, through the normalizer, the term
     * extractor and the license matcher.
     */
    static Stream<Arguments> regexAttacks() {
        return Stream.of(
                attack("digit run", () -> "1".repeat(FOUR_MIB)),
                attack("digits and commas", () -> "1,".repeat(FOUR_MIB / 2)),
                attack("digits then spaces", () -> "5" + " ".repeat(FOUR_MIB) + "x"),
                attack("dotted version run", () -> "version " + "1.".repeat(FOUR_MIB / 2)),
                attack("open brackets", () -> "[".repeat(FOUR_MIB)),
                attack("empty links without close", () -> "[](x".repeat(FOUR_MIB / 4)),
                attack("link then spaces", () -> "[a](" + " ".repeat(FOUR_MIB) + "x"),
                attack("effective date then spaces", () -> "effective date" + " ".repeat(FOUR_MIB) + "x"),
                attack("dated then spaces", () -> "dated" + " ".repeat(FOUR_MIB) + "x"),
                attack("hyphen then whitespace", () -> "a-\n" + " \n".repeat(FOUR_MIB / 2)),
                attack("whitespace between two words", () -> "a" + " \t\n".repeat(FOUR_MIB / 3) + "a"),
                attack("underscores between letters", () -> "a" + "_".repeat(FOUR_MIB) + "a"),
                attack("heading marks", () -> "#".repeat(FOUR_MIB)),
                attack("unclosed tag", () -> "<br " + "a".repeat(FOUR_MIB)),
                attack("tags and autolinks", () -> "<br>" + "<a@b. ".repeat(FOUR_MIB / 6)),
                attack("no spaces", () -> "x".repeat(FOUR_MIB)),
                attack("page lines", () -> "page 1 of 2\n".repeat(FOUR_MIB / 12)),
                attack("monthly users", () -> "1 million monthly active users ".repeat(FOUR_MIB / 31)),
                attack("notice alternation", () -> "\"notice\" text file".repeat(FOUR_MIB / 18)),
                attack("users after a digit run", () -> "1".repeat(FOUR_MIB) + " monthly active users"),
                attack("link title without url", () -> "[a](" + " \"t ".repeat(FOUR_MIB / 4)));
    }

    /** The text is made when the case runs: all of them at once would fill the small heap by themselves. */
    private static Arguments attack(String name, Supplier<String> text) {
        return Arguments.of(name, text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regexAttacks")
    void fourMebibytesShapedAgainstARegexAreReadInLinearTime(String attack, Supplier<String> attackText, @TempDir Path dir)
            throws IOException {
        String text = attackText.get();
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n" + text);
        Files.writeString(repo.resolve("LICENSE"), text);
        Hostile.Run r = assertTimeoutPreemptively(HANG_GUARD, () -> Hostile.scan(repo));
        // The file was read to the end and matched against every known license: it matches none, and says so.
        assertThat(r.json().path("license_issues").toString()).contains("LICENSE looks like a license but matches none");
    }

    /** One million one-element F16 tensors spread over many layers and experts: a 60 MB JSON header. */
    static void millionTensorSafetensors(Path file) throws IOException {
        Path header = file.resolveSibling("header.tmp");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(header), 1 << 16)) {
            o.write('{');
            for (int i = 0; i < MILLION; i++) {
                String name = "model.layers." + (i % 5000) + ".mlp.experts." + (i / 5000) + ".w" + i;
                o.write(("\"" + name + "\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[" + 2L * i + "," + (2L * i + 2)
                        + "]}" + (i + 1 < MILLION ? "," : "")).getBytes(StandardCharsets.US_ASCII));
            }
            o.write('}');
        }
        long len = Files.size(header);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(len).array());
            try (var in = Files.newInputStream(header)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    f.write(buf, 0, n);
                }
            }
            f.setLength(8 + len + 2L * MILLION);
        }
        Files.delete(header);
    }

    /** One million F32 tensors of 32 elements each in a GGUF header, tensor data a sparse hole. */
    static void millionTensorGguf(Path file) throws IOException {
        long dataBytes = 0;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            le(o, 0x46554747, 4);
            le(o, 3, 4);
            le(o, MILLION, 8);
            le(o, 1, 8);
            str(o, "general.architecture");
            le(o, 8, 4);
            str(o, "llama");
            for (int i = 0; i < MILLION; i++) {
                str(o, "blk." + (i % 5000) + ".ffn_up_exps.w" + i);
                le(o, 1, 4);
                le(o, 32, 8);
                le(o, 0, 4);
                le(o, dataBytes, 8);
                dataBytes += 128;
            }
        }
        long headerLen = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength((headerLen + 31) / 32 * 32 + dataBytes);
        }
    }

    private static void str(OutputStream o, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        le(o, b.length, 8);
        o.write(b);
    }

    private static void le(OutputStream o, long v, int bytes) throws IOException {
        for (int i = 0; i < bytes; i++) {
            o.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
