package dev.canship.source.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.canship.cli.Main;
import dev.canship.extract.weights.GgmlType;
import dev.canship.extract.weights.TestWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code canship scan|check hf:ORG/NAME[@REV]} against a local stand-in for the Hub ({@link FakeHub}) that serves a
 * recorded repository built from a sample: what a user sees, and how many bytes crossed the network.
 */
class HubRemoteCheckTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final String SAMPLE = "samples/repos/llama4-scout-instruct";
    private static final String DEPLOYMENT = "samples/deployments/us-assistant-pass.yaml";
    private static final String REF = "hf:meta-llama/Llama-4-Scout-17B-16E-Instruct";
    private static final String TOKEN = "hf_kTqZ8secretTokenValue123";

    record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static Map<String, String> env(FakeHub hub, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("HF_ENDPOINT", hub.endpoint());
        for (int i = 0; i + 1 < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** The sample (card, license, use policy, config, a small safetensors) plus a tokenizer file the scan only probes. */
    private static Path recorded(Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("Llama-4-Scout-17B-16E-Instruct"));
        try (Stream<Path> s = Files.list(Path.of(SAMPLE))) {
            for (Path p : s.toList()) {
                Files.copy(p, repo.resolve(p.getFileName().toString()));
            }
        }
        Files.writeString(repo.resolve("tokenizer.json"), "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\"}}\n".repeat(200));
        return repo;
    }

    /** A report without what names the place it was read from (path, name, source, revision, fingerprints by name). */
    private static JsonNode placeless(String json) throws IOException {
        JsonNode n = M.readTree(json);
        ObjectNode o = (ObjectNode) (n.isArray() ? n.get(0) : n);
        o.remove(List.of("repository", "name", "revision", "source"));
        o.path("findings").forEach(f -> ((ObjectNode) f).remove("fingerprint"));
        ((ObjectNode) o.path("model")).remove("name");
        return o;
    }

    @Test
    void aRemoteCheckGivesTheVerdictAndFindingsOfTheSameFolderScannedLocally(@TempDir Path dir) throws IOException {
        Path repo = recorded(dir);
        Run local = run(Map.of(), "check", repo.toString(), "-d", DEPLOYMENT, "--format", "json");
        try (FakeHub hub = new FakeHub(repo, "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run remote = run(env(hub), "check", REF, "-d", DEPLOYMENT, "--format", "json");
            assertThat(remote.err()).isEmpty();
            assertThat(remote.exit()).isEqualTo(local.exit());
            JsonNode r = M.readTree(remote.out());
            r = r.isArray() ? r.get(0) : r;
            assertThat(r.path("verdict").asText()).isEqualTo("pass");
            assertThat(placeless(remote.out())).isEqualTo(placeless(local.out()));
            assertThat(r.path("source").path("kind").asText()).isEqualTo("hf-hub");
            assertThat(r.path("revision").asText()).isEqualTo(FakeHub.SHA);
            assertThat(r.path("source").path("notes").toString()).contains(REF.replace("hf:", "hf:") + "@" + FakeHub.SHA);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("dev/canship/schemas/canship-report-1.schema.json")) {
                JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(M.readTree(in));
                assertThat(schema.validate(M.readTree(remote.out()))).isEmpty();
            }
            // The tokenizer was only probed, never fetched whole.
            assertThat(hub.requests).filteredOn(q -> q.path().endsWith("/tokenizer.json")).extracting(FakeHub.Request::range)
                    .containsExactly("bytes=0-511");
        }
    }

    @Test
    void theRevisionShaIsInEveryReportFormat(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            for (String format : List.of("text", "json", "sarif", "html", "markdown", "cyclonedx")) {
                Run r = run(env(hub), "check", REF + "@main", "-d", DEPLOYMENT, "--format", format);
                assertThat(r.exit()).as(format).isZero();
                assertThat(r.out()).as(format).contains(FakeHub.SHA);
            }
        }
    }

    @Test
    void theTokenIsSentToTheHubButNeverAppearsInAnyOutput(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            for (String format : List.of("text", "json", "sarif", "html", "markdown", "cyclonedx", "codequality")) {
                Run r = run(env(hub, "HF_TOKEN", TOKEN), "check", REF, "-d", DEPLOYMENT, "--format", format, "--verbose");
                assertThat(r.out() + r.err()).as(format).doesNotContain(TOKEN).doesNotContain("kTqZ8");
            }
            assertThat(hub.requests).extracting(FakeHub.Request::authorization).containsOnly("Bearer " + TOKEN);
            hub.statusForAll = 401;
            Run gated = run(env(hub, "HF_TOKEN", TOKEN), "scan", REF, "--verbose");
            assertThat(gated.exit()).isEqualTo(2);
            assertThat(gated.out() + gated.err()).doesNotContain(TOKEN).doesNotContain("kTqZ8");
        }
    }

    @Test
    void aGatedRepositoryIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            hub.statusForAll = 401;
            Run r = run(env(hub), "check", REF, "-d", DEPLOYMENT);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).doesNotContain("\n")
                    .isEqualTo("canship: " + REF + "@main: gated repository: accept its terms on the Hub and set HF_TOKEN");
        }
    }

    @Test
    void aGatedFileBehindAPublicListingIsTheSameLine(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            hub.gatedFiles = true;
            Run r = run(env(hub), "check", REF, "-d", DEPLOYMENT);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).isEqualTo("canship: " + REF + "@" + FakeHub.SHA + ": gated repository: accept its terms on the Hub and set HF_TOKEN");
        }
    }

    @Test
    void aListedFileTheServerCannotFindIsOneLineAfterFollowingTheRedirect(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            hub.redirectFilesTo = hub.endpoint() + "/cdn";
            Run r = run(env(hub), "scan", REF);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("not found at this commit").doesNotContain("Exception");
        }
    }

    @Test
    void aMissingRepositoryOrRevisionIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run repo = run(env(hub), "scan", "hf:nobody/nothing");
            assertThat(repo.exit()).isEqualTo(2);
            assertThat(repo.err().strip()).isEqualTo("canship: hf:nobody/nothing@main: repository or revision not found on " + hub.endpoint());
            Run rev = run(env(hub), "scan", REF + "@v9");
            assertThat(rev.exit()).isEqualTo(2);
            assertThat(rev.err()).contains("@v9: repository or revision not found");
            assertThat(repo.out() + rev.out()).isEmpty();
        }
    }

    @Test
    void anUnreachableEndpointIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        int port;
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            port = hub.port();
        }
        Run r = run(Map.of("HF_ENDPOINT", "http://127.0.0.1:" + port), "check", REF, "-d", DEPLOYMENT);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("canship: cannot reach http://127.0.0.1:" + port).doesNotContain("\n");
    }

    @Test
    void aServerThatIgnoresRangeIsRefusedAfterTheBoundNotReadToTheEnd(@TempDir Path dir) throws IOException {
        Path repo = recorded(dir);
        // A 2 GiB (sparse) weight file: a client that read a whole answer would take it all.
        TestWeights.safetensors(repo.resolve("model-00001-of-00001.safetensors"), Map.of(),
                List.of(TestWeights.t("language_model.model.embed_tokens.weight", "BF16", 32768, 32768)), 0);
        try (FakeHub hub = new FakeHub(repo, "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            hub.ignoreRange = true;
            Run r = run(env(hub), "check", REF, "-d", DEPLOYMENT);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).contains("model-00001-of-00001.safetensors: the server ignored the Range request").doesNotContain("\n");
            assertThat(hub.bytesSent.get()).as("the connection was dropped long before 2 GiB").isLessThan(256L << 20);
        }
    }

    @Test
    void a503IsRetriedAndTheCheckCompletes(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            hub.unavailableFirst.set(2);
            Run r = run(env(hub), "check", REF, "-d", DEPLOYMENT, "--format", "json");
            assertThat(r.exit()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(M.readTree(r.out()).findValue("verdict").asText()).isEqualTo("pass");
            assertThat(hub.requests.subList(0, 3)).extracting(FakeHub.Request::path).allMatch(p -> p.startsWith("/api/models/"));
        }
    }

    @Test
    void aSizeTheServerContradictsIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            hub.listedSizeDelta = 7;
            Run r = run(env(hub), "scan", REF);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("size mismatch");
        }
    }

    @Test
    void aListingWithAPathOutOfTheRepositoryIsMalformed(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            hub.extraListedPath = "../../etc/passwd";
            Path cache = dir.resolve("cache");
            Run r = run(env(hub), "scan", REF, "--cache", cache.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("canship: " + REF + "@main: malformed listing from the Hub (a file name that is not a plain relative path)");
            assertThat(cache).doesNotExist();
        }
    }

    @Test
    void aRedirectToAPlainHttpHostElsewhereIsNotFollowed(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            hub.redirectFilesTo = "http://localhost:" + hub.port();
            Run r = run(env(hub, "HF_TOKEN", TOKEN), "scan", REF);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("neither https nor the endpoint; not followed");
            assertThat(hub.requests).filteredOn(q -> q.path().contains("/resolve/")).hasSize(1);
        }
    }

    @Test
    void offlineWithoutACacheRefusesInOneLine(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run r = run(env(hub, "HF_HUB_OFFLINE", "1"), "scan", REF);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("canship: " + REF + "@main: HF_HUB_OFFLINE=1, so the Hub is not contacted, and no --cache DIR was given to read it from");
            assertThat(hub.requests).isEmpty();
        }
    }

    @Test
    void aCacheFilledOnceServesTheSameCheckOffline(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        Run online;
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            online = run(env(hub), "check", REF, "-d", DEPLOYMENT, "--format", "json", "--cache", cache.toString());
            assertThat(online.exit()).isZero();
        }
        assertThat(cache.resolve("meta-llama/Llama-4-Scout-17B-16E-Instruct/" + FakeHub.SHA + "/files/LICENSE")).isRegularFile();
        // The weight file is kept as far as it was read: its header, not its data.
        assertThat(cache.resolve("meta-llama/Llama-4-Scout-17B-16E-Instruct/refs/main")).hasContent(FakeHub.SHA);
        // The server is gone: only the cache can answer.
        Run offline = run(Map.of("HF_ENDPOINT", "http://127.0.0.1:9", "HF_HUB_OFFLINE", "1"),
                "check", REF, "-d", DEPLOYMENT, "--format", "json", "--cache", cache.toString());
        assertThat(offline.err()).isEmpty();
        assertThat(offline.exit()).isZero();
        JsonNode offlineReport = M.readTree(offline.out());
        assertThat(offlineReport.path("source").path("notes").toString()).contains("from --cache " + cache);
        ((ObjectNode) offlineReport.path("source")).remove("notes");
        JsonNode onlineReport = M.readTree(online.out());
        ((ObjectNode) onlineReport.path("source")).remove("notes");
        assertThat(offlineReport).isEqualTo(onlineReport);
        Run notCached = run(Map.of("HF_HUB_OFFLINE", "1"), "scan", "hf:other/model", "--cache", cache.toString());
        assertThat(notCached.exit()).isEqualTo(2);
        assertThat(notCached.err()).contains("hf:other/model@main: not in --cache");
    }

    @Test
    void aRemoteGgufIsReadByItsHeaderOnly(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("gguf-repo"));
        // 20 GiB (sparse) of tensor data behind a small header.
        new TestWeights.Gguf().string("general.architecture", "llama").string("general.license", "apache-2.0")
                .u32("llama.block_count", 2).tensor("token_embd.weight", GgmlType.F16, 4096, 4096)
                .write(repo.resolve("model-Q8_0.gguf"), 20L << 30);
        Run local = run(Map.of(), "scan", repo.toString(), "--format", "json");
        try (FakeHub hub = new FakeHub(repo, "someone/model-GGUF")) {
            Run remote = run(env(hub), "scan", "hf:someone/model-GGUF", "--format", "json");
            assertThat(remote.exit()).isZero();
            assertThat(placeless(remote.out())).isEqualTo(placeless(local.out()));
            assertThat(M.readTree(remote.out()).findValue("license").path("id").asText()).isEqualTo("apache-2.0");
            assertThat(hub.bytesSent.get()).isLessThan(128 * 1024);
        }
    }

    /**
     * The measurement the README quotes: a check of a repository of 100 safetensors shards of 8 GiB each (800 GiB,
     * sparse files) transfers only the listing, the small files and two sampled shard headers.
     */
    @Test
    void aCheckOf800GigabytesOfShardsTransfersUnderAMegabyte(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("big"));
        for (String f : List.of("LICENSE", "README.md", "USE_POLICY.md", "config.json")) {
            Files.copy(Path.of(SAMPLE, f), repo.resolve(f));
        }
        int shards = 100;
        Map<String, String> weightMap = new LinkedHashMap<>();
        long total = 0;
        for (int i = 1; i <= shards; i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i, shards);
            String tensor = "language_model.model.layers." + i + ".feed_forward.experts.down_proj";
            // 65536 x 65536 BF16 = 8 GiB of data in each shard.
            TestWeights.safetensors(repo.resolve(name), Map.of("format", "pt"), List.of(TestWeights.t(tensor, "BF16", 65536, 65536)), 0);
            weightMap.put(tensor, name);
            total += 2L * 65536 * 65536;
        }
        ObjectNode index = M.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        weightMap.forEach(index.putObject("weight_map")::put);
        Files.writeString(repo.resolve("model.safetensors.index.json"), M.writeValueAsString(index));
        try (FakeHub hub = new FakeHub(repo, "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run r = run(env(hub), "check", REF, "-d", DEPLOYMENT, "--format", "json");
            assertThat(r.err()).isEmpty();
            assertThat(r.exit()).isIn(0, 1);
            long smallFiles = 0;
            for (String f : List.of("LICENSE", "README.md", "USE_POLICY.md", "config.json", "model.safetensors.index.json")) {
                smallFiles += Files.size(repo.resolve(f));
            }
            long sent = hub.bytesSent.get();
            long weightRanges = hub.requests.stream().filter(q -> q.path().endsWith(".safetensors")).count();
            System.out.printf("800 GiB repository (%d shards): %d bytes transferred in %d requests (%d of them shard ranges; small files %d bytes)%n",
                    shards, sent, hub.requests.size(), weightRanges, smallFiles);
            assertThat(weightRanges).as("two sampled shard headers, one range each").isEqualTo(2);
            assertThat(sent).isLessThan(1L << 20);
        }
    }

    @Test
    void aPickleCheckpointOnTheHubIsScannedByRangeLikeTheSameFileLocally(@TempDir Path dir) throws IOException {
        Path repo = recorded(dir);
        // 2000 tensor entries: the scan reads the central directory and only the members it needs.
        dev.canship.extract.pickle.PickleWriter.torchZip(repo.resolve("pytorch_model.bin"),
                dev.canship.extract.pickle.PickleWriter.stateDict("w"), 2000);
        Run local = run(Map.of(), "check", repo.toString(), "-d", DEPLOYMENT, "--format", "json");
        try (FakeHub hub = new FakeHub(repo, "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run remote = run(env(hub), "check", REF, "-d", DEPLOYMENT, "--format", "json");
            assertThat(remote.err()).isEmpty();
            assertThat(placeless(remote.out())).isEqualTo(placeless(local.out()));
            assertThat(M.readTree(remote.out()).path("serialization").toString()).contains("pytorch_model.bin").contains("pytorch-zip");
            long binRequests = hub.requests.stream().filter(q -> q.path().endsWith("/pytorch_model.bin")).count();
            System.out.printf("remote pytorch zip of %d bytes: %d range requests%n", Files.size(repo.resolve("pytorch_model.bin")), binRequests);
        }
    }

    @Test
    void aPickleCheckpointsRangesAreKeptInTheCacheAndScannedOffline(@TempDir Path dir) throws IOException {
        Path repo = recorded(dir);
        dev.canship.extract.pickle.PickleWriter.torchZip(repo.resolve("pytorch_model.bin"),
                dev.canship.extract.pickle.PickleWriter.stateDict("w"), 500);
        Path cache = dir.resolve("cache");
        JsonNode online;
        try (FakeHub hub = new FakeHub(repo, "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            online = M.readTree(run(env(hub), "check", REF, "-d", DEPLOYMENT, "--format", "json", "--cache", cache.toString()).out());
        }
        Run offline = run(Map.of("HF_HUB_OFFLINE", "1"), "check", REF, "-d", DEPLOYMENT, "--format", "json", "--cache", cache.toString());
        assertThat(offline.err()).isEmpty();
        JsonNode report = M.readTree(offline.out());
        assertThat(report.path("serialization")).isEqualTo(online.path("serialization"));
        assertThat(report.path("serialization").toString()).contains("pytorch-zip");
        assertThat(report.path("verdict")).isEqualTo(online.path("verdict"));
    }

    @Test
    void anUnsafePickleOnTheHubFailsTheCheckAsItWouldLocally(@TempDir Path dir) throws IOException {
        Path repo = recorded(dir);
        dev.canship.extract.pickle.PickleWriter.torchZip(repo.resolve("pytorch_model.bin"),
                dev.canship.extract.pickle.PickleWriter.proto(2).global("os", "system").unicodeX("id").tuple1().reduce().stop().bytes(), 3);
        Run local = run(Map.of(), "check", repo.toString(), "-d", DEPLOYMENT, "--format", "json");
        try (FakeHub hub = new FakeHub(repo, "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run remote = run(env(hub), "check", REF, "-d", DEPLOYMENT, "--format", "json");
            assertThat(M.readTree(remote.out()).path("verdict").asText()).isEqualTo("fail");
            assertThat(placeless(remote.out())).isEqualTo(placeless(local.out()));
            assertThat(remote.exit()).isEqualTo(local.exit()).isEqualTo(1);
        }
    }

    @Test
    void aHeaderLongerThanOneStepIsFetchedInFewRangesAndReadsAsLocally(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("wide"));
        Files.copy(Path.of(SAMPLE, "LICENSE"), repo.resolve("LICENSE"));
        // About 3000 tensors: a header of some 300 KB, more than the first 64 KiB range.
        TestWeights.safetensors(repo.resolve("model.safetensors"), Map.of("format", "pt"), TestWeights.tinyMixtral(150), 4L << 30);
        Run local = run(Map.of(), "scan", repo.toString(), "--format", "json");
        try (FakeHub hub = new FakeHub(repo, "someone/wide")) {
            Run remote = run(env(hub), "scan", "hf:someone/wide", "--format", "json");
            assertThat(remote.err()).isEmpty();
            assertThat(placeless(remote.out())).isEqualTo(placeless(local.out()));
            assertThat(hub.requests).filteredOn(q -> q.path().endsWith("/model.safetensors")).hasSizeBetween(2, 3);
            assertThat(hub.bytesSent.get()).isLessThan(2L << 20);
        }
    }

    @Test
    void aHeaderLengthBeyondTheBoundIsRefusedWithoutFetchingIt(@TempDir Path dir) throws IOException {
        Path repo = recorded(dir);
        TestWeights.rawSafetensors(repo.resolve("model-00001-of-00001.safetensors"), 1L << 30, "{}".getBytes(StandardCharsets.UTF_8), 8L << 30);
        try (FakeHub hub = new FakeHub(repo, "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run r = run(env(hub), "check", REF, "-d", DEPLOYMENT, "--format", "json");
            JsonNode report = M.readTree(r.out());
            assertThat(report.path("diagnostics").toString()).contains("model-00001-of-00001.safetensors").contains("exceeds the limit");
            assertThat(hub.requests).filteredOn(q -> q.path().endsWith(".safetensors")).extracting(FakeHub.Request::range)
                    .containsExactly("bytes=0-65535");
        }
    }

    @Test
    void aBomOfARemoteModelCarriesTheLicenseDigestButNeverAsksForAWeightFileToHashIt(@TempDir Path dir) throws Exception {
        Path repo = recorded(dir);
        String licenseSha = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(repo.resolve("LICENSE"))));
        try (FakeHub hub = new FakeHub(repo, "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run r = run(env(hub), "scan", REF, "--format", "cyclonedx");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains(licenseSha).contains("\"version\" : \"" + FakeHub.SHA + "\"");
            assertThat(hub.requests).filteredOn(q -> q.path().endsWith("/tokenizer.json")).hasSize(1);
        }
    }

    @Test
    void fitReadsAHubModelToo(@TempDir Path dir) throws IOException {
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            Run r = run(env(hub), "fit", REF, "--accelerator", "h100-sxm", "--precision", "int4", "--format", "json");
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).contains("h100-sxm");
        }
    }

    @Test
    void fitKeepsWhatItFetchedInTheCacheAndAnswersOfflineFromIt(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        Run online;
        try (FakeHub hub = new FakeHub(recorded(dir), "meta-llama/Llama-4-Scout-17B-16E-Instruct")) {
            online = run(env(hub), "fit", REF, "--accelerator", "h100-sxm", "--precision", "int4", "--format", "json", "--cache", cache.toString());
            assertThat(online.exit()).as(online.err()).isZero();
        }
        assertThat(cache.resolve("meta-llama/Llama-4-Scout-17B-16E-Instruct/" + FakeHub.SHA + "/files/config.json")).isRegularFile();
        Run offline = run(Map.of("HF_ENDPOINT", "http://127.0.0.1:9", "HF_HUB_OFFLINE", "1"),
                "fit", REF, "--accelerator", "h100-sxm", "--precision", "int4", "--format", "json", "--cache", cache.toString());
        assertThat(offline.err()).isEmpty();
        assertThat(M.readTree(offline.out())).isEqualTo(M.readTree(online.out()));
    }

    @Test
    void aHubNameThatIsNotOneIsBadInput() {
        Run r = run(Map.of(), "scan", "hf:../etc");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("canship: hf:../etc: not a Hub model (hf:ORG/NAME or hf:ORG/NAME@REVISION)");
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
