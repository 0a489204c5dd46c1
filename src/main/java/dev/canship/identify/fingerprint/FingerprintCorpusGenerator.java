package dev.canship.identify.fingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Generates the reference fingerprints ({@code licenses/fingerprints/<id>.<kind>[.<version>].fp}) from the shared
 * license corpus ({@code <corpus>/licenses/<folder>/<file>}). The corpus texts never enter the project; only these
 * derived files do.
 *
 * <p>Usage: {@code FingerprintCorpusGenerator <corpus-licenses-dir> <output-dir>}.
 */
public final class FingerprintCorpusGenerator {

    /**
     * One corpus file and the fingerprint it yields.
     *
     * @param folder  corpus folder
     * @param file    file name, or null when the folder holds exactly one text (besides SOURCE.txt)
     * @param id      license id
     * @param kind    license or use-policy
     * @param version version, or null; for {@link #SAME_AS_DATED} it is decided by matching
     */
    public record Entry(String folder, String file, String id, String kind, String version) {
    }

    /** Version marker for a copy that must be matched against the dated versions of its id. */
    public static final String SAME_AS_DATED = "match-dated";

    private static final String L = Fingerprint.LICENSE;
    private static final String P = Fingerprint.USE_POLICY;

    /** The corpus → fingerprint mapping. */
    public static final List<Entry> MAPPING = List.of(
            new Entry("llama2", "LICENSE", "llama2", L, null),
            new Entry("llama2", "USE_POLICY.md", "llama2", P, null),
            new Entry("llama3", "LICENSE", "llama3", L, null),
            new Entry("llama3", "USE_POLICY.md", "llama3", P, null),
            new Entry("llama3.1", "LICENSE", "llama3.1", L, null),
            new Entry("llama3.1", "USE_POLICY.md", "llama3.1", P, null),
            new Entry("llama3.2", "LICENSE", "llama3.2", L, null),
            new Entry("llama3.2", "USE_POLICY.md", "llama3.2", P, null),
            new Entry("llama3.3", "LICENSE", "llama3.3", L, null),
            new Entry("llama3.3", "USE_POLICY.md", "llama3.3", P, null),
            new Entry("llama4", "LICENSE", "llama4", L, null),
            new Entry("llama4", "USE_POLICY.md", "llama4", P, null),
            new Entry("gemma", "Gemma-Terms-of-Use-20240221", "gemma", L, "2024-02-21"),
            new Entry("gemma", "Gemma-Terms-of-Use-20240401", "gemma", L, "2024-04-01"),
            new Entry("gemma", "Gemma-Terms-of-Use-20250324", "gemma", L, "2025-03-24"),
            new Entry("gemma", "GEMMA_TERMS_OF_USE.md", "gemma", L, SAME_AS_DATED),
            new Entry("gemma", "Gemma-Prohibited-Use-Policy-20240221", "gemma", P, "2024-02-21"),
            new Entry("apache-2.0", "LICENSE", "apache-2.0", L, null),
            new Entry("mit", "LICENSE-CODE", "mit", L, null),
            new Entry("cc-by-nc-4.0", "LICENSE_weights", "cc-by-nc-4.0", L, null),
            new Entry("creativeml-openrail-m", "LICENSE", "creativeml-openrail-m", L, null),
            new Entry("openrail-plusplus-m", null, "openrail++", L, null),
            new Entry("bigscience-bloom-rail-1.0", null, "bigscience-bloom-rail-1.0", L, null),
            new Entry("bigcode-openrail-m", null, "bigcode-openrail-m", L, null),
            new Entry("deepseek-model", "LICENSE-MODEL", "deepseek", L, null),
            new Entry("mistral-research", "MRL-0.1.md", "mrl", L, null),
            new Entry("mistral-non-production", "MNPL-0.1.md", "mnpl", L, null),
            new Entry("nvidia-open-model-agreement", null, "nvidia-open-model-agreement", L, null),
            new Entry("qwen-research", null, "qwen-research", L, null),
            new Entry("tongyi-qianwen", "Tongyi Qianwen LICENSE AGREEMENT", "tongyi-qianwen", L, null),
            new Entry("tongyi-qianwen", "Tongyi Qianwen RESEARCH LICENSE AGREEMENT", "tongyi-qianwen-research", L, null),
            new Entry("falcon", "Falcon-2-11B-TII-License-1.0", "falcon-2-11b-tii-license", L, null),
            new Entry("falcon", "Falcon-2-11B-TII-Acceptable-Use-Policy-1.0", "falcon-2-11b-tii-license", P, null),
            new Entry("falcon", "Falcon-3-TII-Falcon-License-December-2024", "falcon-llm-license", L, null),
            new Entry("falcon", "TII-Falcon-3-License-December-2024-ACCEPTABLE-USE-POLICY", "falcon-llm-license", P, null),
            new Entry("kimi-modified-mit", "Kimi-K2-LICENSE", "kimi-modified-mit", L, "k2"),
            new Entry("kimi-modified-mit", "Kimi-K2.5-LICENSE", "kimi-modified-mit", L, "k2.5"),
            new Entry("minimax-modified-mit", "MiniMax-M2", "minimax-modified-mit", L, null),
            new Entry("mistral-modified-mit", "Mistral-Medium-3.5-LICENSE", "mistral-modified-mit", L, null),
            new Entry("kimi-k3", "Kimi-K3-License", "kimi-k3", L, null),
            new Entry("minimax-m2.7", "MiniMax-M2.7", "minimax-m2.7", L, null),
            new Entry("nvidia-open-model-license", "NVIDIA-Open-Model-License-2025-09-23.txt", "nvidia-open-model-license", L, null),
            new Entry("tencent-hunyuan-community", "LICENSE", "tencent-hunyuan-community", L, null),
            new Entry("stability-non-commercial-research", "STABILITY-AI-NON-COMMERCIAL-RESEARCH-COMMUNITY-LICENSE-AGREEMENT",
                    "stability-non-commercial-research", L, null),
            new Entry("flux-non-commercial", "FLUX-Non-Commercial-License-v2.1", "flux-non-commercial", L, "2.1"),
            new Entry("flux-non-commercial", "LICENSE-FLUX1-dev", "flux-non-commercial", L, "1.1.1"),
            new Entry("grok-2-community", "Grok-2-Community-License-Agreement-20251104", "grok-2-community", L, null),
            new Entry("databricks-open-model", "Databricks-Open-Model-License", "databricks-open-model", L, null),
            new Entry("databricks-open-model", "Databricks-Open-Model-Acceptable-Use-Policy", "databricks-open-model", P, null),
            new Entry("c4ai-aup", "C4AI-Acceptable-Use-Policy", "c4ai-cc-by-nc-4.0", P, null),
            new Entry("glm-4", "glm-4-9b-LICENSE", "glm-4", L, null),
            new Entry("apple-amlr", "LICENSE_MODEL", "apple-amlr", L, null),
            new Entry("openmdw", "OpenMDW-1.1", "openmdw", L, null),
            new Entry("exaone-1.1-nc", "EXAONE-AI-Model-License-Agreement-1.1-NC", "exaone-1.1-nc", L, null),
            new Entry("minimax-model", "MINIMAX-MODEL-LICENSE", "minimax-model", L, null));

    /**
     * The texts fetched from public repositories into the extra corpus ({@code <extra-corpus>/licenses/<folder>/},
     * each folder with a SOURCE.txt naming repository, path, commit and sha256), outside the project like the shared
     * corpus. CI's shared corpus does not have them, so their fingerprints are checked only where they are present.
     */
    public static final List<Entry> EXTRA_MAPPING = List.of(
            new Entry("cc-by-4.0", "LICENSE", "cc-by-4.0", L, null),
            new Entry("cc-by-sa-4.0", "LICENSE", "cc-by-sa-4.0", L, null),
            new Entry("cc-by-nc-sa-4.0", "LICENSE", "cc-by-nc-sa-4.0", L, null),
            new Entry("cc-by-nc-nd-4.0", "LICENSE", "cc-by-nc-nd-4.0", L, null),
            new Entry("bsd-3-clause", "LICENSE", "bsd-3-clause", L, null),
            new Entry("gpl-3.0", "LICENSE", "gpl-3.0", L, null),
            new Entry("agpl-3.0", "LICENSE", "agpl-3.0", L, null),
            new Entry("fair-noncommercial-research", "LICENSE", "fair-noncommercial-research", L, null),
            new Entry("stability-community", "LICENSE.md", "stability-community", L, null),
            new Entry("chameleon-research", "LICENSE", "chameleon-research", L, null),
            new Entry("chameleon-research", "USE_POLICY.md", "chameleon-research", P, null));

    /**
     * The outcome for one corpus file.
     *
     * @param entry       the mapping entry
     * @param corpusFile  the corpus file read
     * @param fingerprint the fingerprint (for a copy equal to a dated version: that version's fingerprint)
     * @param written     the file written, or null when the copy duplicates another fingerprint
     * @param note        what was decided (e.g. which dated version a copy equals)
     */
    public record Generated(Entry entry, Path corpusFile, Fingerprint fingerprint, Path written, String note) {
    }

    private FingerprintCorpusGenerator() {
    }

    /** Resolves an entry to its corpus file. */
    public static Path corpusFile(Path licensesDir, Entry e) throws IOException {
        Path folder = licensesDir.resolve(e.folder());
        if (e.file() != null) {
            return folder.resolve(e.file());
        }
        List<Path> texts = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals("SOURCE.txt")) {
                    texts.add(p);
                }
            }
        }
        if (texts.size() != 1) {
            throw new IOException("expected one text in " + folder + ", found " + texts.size());
        }
        return texts.get(0);
    }

    /** Builds every fingerprint of the mapping; writes them to {@code outDir} when it is not null. */
    public static List<Generated> generate(Path licensesDir, Path outDir) throws IOException {
        return generate(licensesDir, outDir, MAPPING, "corpus");
    }

    /** Builds every fingerprint of {@link #EXTRA_MAPPING} from the extra corpus's licenses folder. */
    public static List<Generated> generateExtra(Path extraLicensesDir, Path outDir) throws IOException {
        return generate(extraLicensesDir, outDir, EXTRA_MAPPING, "extra-corpus");
    }

    /** The fingerprint file names {@link #EXTRA_MAPPING} yields, known without the texts. */
    public static List<String> extraFingerprintNames() {
        return EXTRA_MAPPING.stream().map(e -> e.id() + "." + e.kind() + (e.version() == null ? "" : "." + e.version()) + ".fp").toList();
    }

    private static List<Generated> generate(Path licensesDir, Path outDir, List<Entry> mapping, String corpusName) throws IOException {
        List<Generated> out = new ArrayList<>();
        for (Entry e : mapping) {
            Path file = corpusFile(licensesDir, e);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String source = corpusName + " licenses/" + e.folder() + "/" + file.getFileName() + " sha256:" + sha256(file)
                    + prefaceNote(text);
            String note = "";
            Fingerprint fp;
            if (SAME_AS_DATED.equals(e.version())) {
                Generated equal = equalDated(out, e, text);
                if (equal != null) {
                    out.add(new Generated(e, file, equal.fingerprint(), null,
                            "equals " + equal.fingerprint().key() + "; no separate fingerprint"));
                    continue;
                }
                var date = TermExtractor.extract(FingerprintBuilder.stripPreface(text)).effectiveDate();
                if (date == null) {
                    throw new IOException(file + " equals no dated version and states no date");
                }
                fp = FingerprintBuilder.build(e.id(), e.kind(), date.toString(), source, text);
                note = "differs from every dated version; own version " + date;
            } else {
                fp = FingerprintBuilder.build(e.id(), e.kind(), e.version(), source, text);
            }
            Path written = null;
            if (outDir != null) {
                written = outDir.resolve(fp.key() + ".fp");
                FingerprintBuilder.write(fp, written);
            }
            out.add(new Generated(e, file, fp, written, note));
        }
        return out;
    }

    /** The dated version (same id and kind) that {@code text} equals exactly, in both directions, or null. */
    private static Generated equalDated(List<Generated> done, Entry e, String text) {
        NormalizedText candidate = TextNormalizer.normalize(FingerprintBuilder.stripPreface(text));
        Fingerprint own = FingerprintBuilder.build(e.id(), e.kind(), null, text);
        for (Generated g : done) {
            Fingerprint dated = g.fingerprint();
            if (!dated.id().equals(e.id()) || !dated.kind().equals(e.kind()) || dated.version() == null) {
                continue;
            }
            FingerprintMatch forward = FingerprintMatcher.compare(dated, candidate);
            if (forward == null || forward.containment() < 1.0 || forward.altered()) {
                continue;
            }
            NormalizedText datedText;
            try {
                datedText = TextNormalizer.normalize(FingerprintBuilder.stripPreface(Files.readString(g.corpusFile())));
            } catch (IOException ex) {
                continue;
            }
            FingerprintMatch backward = FingerprintMatcher.compare(own, datedText);
            if (backward != null && backward.containment() >= 1.0 && !backward.altered()) {
                return g;
            }
        }
        return null;
    }

    private static String prefaceNote(String text) {
        String body = FingerprintBuilder.stripPreface(text);
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.equals(t)) {
            return "";
        }
        long lines = t.substring(0, t.length() - body.length()).chars().filter(c -> c == '\n').count();
        return "; preface removed (" + lines + " lines)";
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Regenerates the fingerprints: {@code <corpus-licenses-dir> <output-dir> [<extra-corpus-licenses-dir>]}; with the
     * third argument the extra corpus's fingerprints are made too.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: FingerprintCorpusGenerator <corpus-licenses-dir> <output-dir> [<extra-corpus-licenses-dir>]");
            System.exit(2);
        }
        List<Generated> all = new ArrayList<>(generate(Path.of(args[0]), Path.of(args[1])));
        if (args.length == 3) {
            all.addAll(generateExtra(Path.of(args[2]), Path.of(args[1])));
        }
        for (Generated g : all) {
            System.out.println(g.entry().folder() + "/" + g.corpusFile().getFileName() + " -> "
                    + (g.written() == null ? "-" : g.written().getFileName()) + (g.note().isEmpty() ? "" : "  (" + g.note() + ")"));
        }
    }
}
