package dev.canship.hostile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Inputs sized to exhaust memory or time unless every reader bounds what it keeps: headers with a million tensors,
 * megabytes of text shaped against regular expressions. The suite runs in a 256 MiB heap (see pom.xml); the 60 s
 * guards only stop a hang, they do not measure speed.
 */
class HostileBoundsTest {
    static final Duration HANG_GUARD = Duration.ofSeconds(60);
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
