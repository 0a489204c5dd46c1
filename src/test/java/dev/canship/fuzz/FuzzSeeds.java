package dev.canship.fuzz;

import dev.canship.extract.pickle.PickleWriter;
import dev.canship.extract.weights.GgmlType;
import dev.canship.extract.weights.TestWeights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the seed corpus of the fuzz tests ({@code src/test/resources/.../*FuzzTestInputs/<method>/}) from the same
 * writers the unit tests use, so every seed can be remade and read as code:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.canship.fuzz.FuzzSeeds .}
 */
public final class FuzzSeeds {

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : ".").resolve("src/test/resources/dev/canship/extract");
        Path tmp = Files.createTempDirectory("seeds");

        Path st = base.resolve("weights/SafetensorsFuzzTestInputs/header");
        seed(st, "valid", Files.readAllBytes(TestWeights.safetensors(tmp.resolve("a.safetensors"), Map.of("format", "pt"),
                List.of(TestWeights.t("model.layers.0.self_attn.q_proj.weight", "BF16", 2, 2), TestWeights.t("lm_head.weight", "F32", 1, 2)), 0)));
        seed(st, "lying-length", Files.readAllBytes(TestWeights.rawSafetensors(tmp.resolve("b.safetensors"), 1L << 40, utf8("{}"), 16)));
        seed(st, "nested-metadata", Files.readAllBytes(TestWeights.rawSafetensors(tmp.resolve("c.safetensors"), 38,
                utf8("{\"__metadata__\":{\"a\":{\"b\":[1,2]}}}  "), 46)));

        Path gg = base.resolve("weights/GgufFuzzTestInputs/header");
        seed(gg, "valid", Files.readAllBytes(new TestWeights.Gguf().string("general.architecture", "llama").u32("llama.block_count", 2)
                .stringArray("tokenizer.ggml.tokens", 3).tensor("blk.0.attn_q.weight", GgmlType.F16, 32, 2).write(tmp.resolve("a.gguf"), 256)));
        seed(gg, "lying-count", Files.readAllBytes(new TestWeights.Gguf().overrideTensorCount(1L << 40).write(tmp.resolve("b.gguf"), 0)));
        seed(gg, "lying-array", Files.readAllBytes(new TestWeights.Gguf().lyingArray("tokenizer.ggml.scores", 6, 1L << 33).write(tmp.resolve("c.gguf"), 0)));

        Path ps = base.resolve("pickle/PickleFuzzTestInputs/stream");
        byte[] osSystem = PickleWriter.proto(2).global("os", "system").unicodeX("id").tuple1().reduce().stop().bytes();
        seed(ps, "state-dict", PickleWriter.stateDict("model.embed_tokens.weight"));
        seed(ps, "os-system-reduce", osSystem);
        seed(ps, "eval-stack-global-memo", PickleWriter.proto(4).frame(0).unicode("builtins").memoize().op('0').unicode("eval").binput(5)
                .op('0').binget(0).binget(5).stackGlobal().unicode("1+1").tuple1().reduce().stop().bytes());
        seed(ps, "nested", PickleWriter.proto(2).global("torch.storage", "_load_from_bytes").bytes(osSystem).tuple1().reduce().stop().bytes());
        seed(ps, "posix-inst", PickleWriter.plain().mark().string("id").inst("posix", "system").stop().bytes());
        seed(ps, "protocol0-text", "(lp0\nS'a\\x41\\n'\np1\naV\\u00e9\np2\na(dp3\nI01\nL12L\nsF1.5\nag0\na.".getBytes(StandardCharsets.ISO_8859_1));

        Path pf = base.resolve("pickle/PickleFuzzTestInputs/file");
        seed(pf, "torch-zip", Files.readAllBytes(PickleWriter.torchZip(tmp.resolve("z.bin"), PickleWriter.stateDict("w"), 1)));
        seed(pf, "npy-object", PickleWriter.npyObject(osSystem));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write(osSystem);
        }
        seed(pf, "joblib-gzip", gz.toByteArray());
        ByteArrayOutputStream legacy = new ByteArrayOutputStream();
        legacy.writeBytes(new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e});
        legacy.writeBytes(PickleWriter.proto(2).op('M').raw(0xe9).raw(0x03).stop().bytes());
        legacy.writeBytes(PickleWriter.proto(2).emptyDict().stop().bytes());
        legacy.writeBytes(PickleWriter.stateDict("w"));
        legacy.writeBytes(PickleWriter.proto(2).op(']').stop().bytes());
        legacy.writeBytes(new byte[8]);
        seed(pf, "torch-legacy", legacy.toByteArray());
        // Issue 14's bypass classes, one seed each.
        byte[] osSystem0 = PickleWriter.plain().mark().string("id").inst("os", "system").stop().bytes();
        byte[] count0 = PickleWriter.proto(2).binint1(0).stop().bytes();
        seed(pf, "torch-legacy-protocol0", PickleWriter.concat(PickleWriter.legacyMagic(), count0, osSystem0,
                PickleWriter.stateDict("w"), count0, new byte[8]));
        Map<String, byte[]> tar = new java.util.LinkedHashMap<>();
        tar.put("storages", count0);
        tar.put("tensors", PickleWriter.concat(PickleWriter.proto(2).binint1(1).stop().bytes(), osSystem, new byte[] {1, 0, 0, 0}, new byte[28]));
        tar.put("pickle", osSystem);
        seed(pf, "torch-legacy-tar", Files.readAllBytes(PickleWriter.tar(tmp.resolve("t.tar"), tar)));
        seed(pf, "zip-upper-case", Files.readAllBytes(PickleWriter.zip(tmp.resolve("u.zip"), Map.of("archive/DATA.PKL", osSystem))));
        seed(pf, "torchscript-code", Files.readAllBytes(PickleWriter.zip(tmp.resolve("s.zip"),
                Map.of("m/code/__torch__/m.py", utf8("def forward(self):\n  return 1\n"), "m/constants.pkl", count0))));
        seed(pf, "npy-object-spellings", PickleWriter.npy("[('a', '<f4'), ('b', 'object_'), ('c', ('O', (2,))), ('d', 'i4,(2,)O')]", osSystem));
        seed(pf, "npz-no-suffix", Files.readAllBytes(PickleWriter.zip(tmp.resolve("n.zip"), Map.of("emb", PickleWriter.npyObject(osSystem)))));
        seed(pf, "joblib-zlib", PickleWriter.compress("zlib", osSystem));
        seed(pf, "joblib-bz2", PickleWriter.compress("bz2", osSystem));
        seed(pf, "joblib-zf", PickleWriter.compress("zf", osSystem));
        seed(pf, "joblib-lz4-magic", PickleWriter.concat(new byte[] {0x04, 0x22, 0x4d, 0x18}, new byte[16]));
        seed(pf, "joblib-xz-magic", PickleWriter.concat(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, new byte[16]));
        seed(pf, "joblib-lzma-magic", PickleWriter.concat(new byte[] {0x5d, 0, 0, (byte) 0x80, 0}, new byte[16]));
        PickleWriter many = PickleWriter.proto(4);
        for (int i = 0; i < 3000; i++) {
            many.global("m" + i, "f").memoize().op('0');
        }
        seed(pf, "many-globals", many.global("os", "system").op('0').none().stop().bytes());

        Path fm = base.resolve("CardReaderFuzzTestInputs/frontMatter");
        seed(fm, "card", utf8("license: llama3.1\nbase_model:\n- meta-llama/Llama-3.1-8B\ntags: [a, b]\nextra_gated_prompt: |\n  text\n---\n# Model\n"));
        seed(fm, "aliases", utf8("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n"));
        seed(fm, "nesting", utf8("x: " + "[".repeat(100) + "]".repeat(100) + "\n---\n"));
        seed(fm, "unterminated", utf8("license: 'apache-2.0\n"));
        seed(fm, "duplicate-license", utf8("license: apache-2.0\ntags: [a]\nlicense: llama3.1\n---\n"));
        seed(fm, "nan-beside-license", utf8("score: .nan\nlicense: llama3.1\nx: !!float zz\ndate: 2024-13-45\n---\n"));
        seed(fm, "long-key-line", utf8("a".repeat(100_000) + "   \n---\n"));
    }

    private static void seed(Path dir, String name, byte[] data) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), data);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
