package dev.canship.extract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.extract.pickle.PickleScanner;
import dev.canship.extract.pickle.SerializationScan;
import dev.canship.extract.weights.GgufReader;
import dev.canship.extract.weights.SafetensorsHeaderReader;
import dev.canship.extract.weights.SafetensorsIndexReader;
import dev.canship.extract.weights.WeightsFormatException;
import dev.canship.extract.weights.WeightsHeader;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.RepoFile;
import dev.canship.inventory.ScanLimits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the small files of an inventory: license-like documents, the model card, config.json. Reads are
 * bounded by {@link ScanLimits}; a file that cannot be read becomes a diagnostic and the rest goes on.
 */
public final class Extractor {

    /** Card keys whose long text often carries the whole license (gated models) or points at it. */
    private static final List<String> CARD_TEXT_FIELDS = List.of("extra_gated_prompt", "extra_gated_description", "license_text");
    /** A front-matter string shorter than this is a tag, not a document. */
    private static final int MIN_FIELD_CHARS = 400;
    /** Documents not named like a license are read by content only when they are this small. */
    private static final long MAX_DOCUMENT_PROBE = 1L << 20;

    /** Roles whose text is license evidence (and may be quoted in a report). */
    private static final Set<FileRole> TEXT_ROLES = Set.of(FileRole.MODEL_CARD, FileRole.LICENSE, FileRole.USE_POLICY,
            FileRole.NOTICE, FileRole.DOCUMENT);

    private final ScanLimits limits;
    private final SafetensorsHeaderReader safetensors;
    private final SafetensorsIndexReader indexes;
    private final CardReader cards;
    private final DocumentTextReader documents;
    private final ObjectMapper json;
    private final PickleScanner pickles;

    public Extractor(ScanLimits limits) {
        this.limits = limits;
        this.safetensors = new SafetensorsHeaderReader(limits.maxHeaderBytes());
        this.indexes = new SafetensorsIndexReader(limits.maxConfigBytes());
        this.cards = new CardReader(limits);
        this.documents = new DocumentTextReader(limits);
        this.json = Parsers.json(limits);
        this.pickles = new PickleScanner(limits);
    }

    public Extraction extract(Inventory inventory) {
        List<Diagnostic> diagnostics = new ArrayList<>(inventory.diagnostics());
        List<TextDocument> texts = new ArrayList<>();
        ModelCard card = null;
        JsonNode config = null;
        JsonNode adapter = null;
        List<WeightsHeader> weights = new ArrayList<>();
        Long indexTotal = null;
        List<SerializationScan> serialized = new ArrayList<>();
        List<RepoFile> weightFiles = inventory.withRole(FileRole.WEIGHTS);
        ShardSample sample = ShardSample.NONE;
        for (RepoFile f : indexesInOrder(inventory)) {
            if (!f.openable()) {
                diagnostics.add(new Diagnostic(f.path(), "no longer a regular file; not opened"));
                continue;
            }
            try {
                Long total = indexes.totalSize(f.name(), f::open);
                if (indexTotal == null && total != null) {
                    indexTotal = total;
                    sample = ShardSample.of(f.path(), total, weightFiles, limits.maxShardHeaders());
                }
            } catch (WeightsFormatException e) {
                diagnostics.add(new Diagnostic(f.path(), e.reason()));
            }
        }
        // Git LFS pointers stand where files should be (a clone without git lfs): each is named for what it is, and
        // never read as the file: no header parse, no pickle scan, no license text. A license or policy pointer is unread.
        Set<String> pointers = new java.util.HashSet<>();
        List<UnreadDocument> unread = new ArrayList<>();
        for (RepoFile f : inventory.files()) {
            // The Hub serves a file's content, never its pointer: a remote file is not probed (a request per small file).
            if (f.remote() != null || !f.openable()) {
                continue;
            }
            LfsPointer.of(f).ifPresent(p -> {
                pointers.add(f.path());
                diagnostics.add(new Diagnostic(f.path(), p.describe()));
                if (f.role() == FileRole.LICENSE || f.role() == FileRole.USE_POLICY || f.role() == FileRole.MODEL_CARD) {
                    unread.add(new UnreadDocument(f.path(), null, f.role(), false, p.describe()));
                }
                // The file behind a pointer is not here: if a pickle loader would open it, it is not known to be safe.
                if (dev.canship.extract.pickle.PickleScanner.handles(f.name())) {
                    serialized.add(new SerializationScan(f.path(), "lfs-pointer", false, List.of(), List.of(), p.describe(), List.of()));
                }
            });
        }
        Set<String> skipped = new java.util.HashSet<>(sample.skipped());
        skipped.addAll(pointers);
        Map<String, Object> headers = readHeaders(weightFiles.stream().filter(f -> !skipped.contains(f.path())).toList());
        for (Diagnostic d : inventory.unwalked()) {
            // A bound stopped the walk here: a serialized file in what was left out cannot be known safe (fail closed).
            serialized.add(new SerializationScan(d.file(), "unchecked", false, List.of(), List.of(), d.message(), List.of()));
        }
        for (RepoFile f : inventory.files()) {
            if (!skipped.contains(f.path()) && f.openable()) {
                SerializationScan scan = scanIfLoadable(f, diagnostics);
                if (scan != null) {
                    serialized.add(scan);
                }
            }
        }
        DocumentBudget budget = new DocumentBudget(limits);
        // The repository's document budget goes first to the card, licenses and policies; notices and other documents
        // (never governing) are read with what is left.
        List<RepoFile> ordered = inventory.files().stream()
                .sorted(Comparator.comparingInt(f -> f.role() == FileRole.NOTICE || f.role() == FileRole.DOCUMENT ? 1 : 0)).toList();
        for (RepoFile f : ordered) {
            if (f.role() == FileRole.OTHER || skipped.contains(f.path())
                    || (f.role() == FileRole.WEIGHTS_INDEX && f.name().endsWith(".safetensors.index.json"))) {
                continue;
            }
            // The inventory saw a regular file; if it was swapped for a FIFO since, opening it would block forever.
            if (!f.openable()) {
                diagnostics.add(new Diagnostic(f.path(), "no longer a regular file; not opened"));
                continue;
            }
            if (f.hardLinked() && TEXT_ROLES.contains(f.role())) {
                // A hard link can be a second name of any file its owner could link, outside the folder: such a file is
                // not license evidence (and is never quoted in a report). Model facts (config, weights) are still read.
                diagnostics.add(new Diagnostic(f.path(), "has " + f.links() + " hard links, so it may be a file outside the folder;"
                        + " not read as license evidence"));
                continue;
            }
            boolean bearing = f.role() == FileRole.LICENSE || f.role() == FileRole.USE_POLICY;
            try {
                switch (f.role()) {
                    case MODEL_CARD -> {
                        Read read = readText(f, diagnostics, budget);
                        if (read.text() != null) {
                            card = cards.read(f.path(), read.text(), diagnostics);
                            texts.add(new TextDocument(f.path(), null, f.role(), card.body(), card.bodyLine(), false));
                            addCardFields(card, texts);
                            if (read.cut() != null && card.frontMatter().isMissingNode() && read.text().stripLeading().startsWith("---")) {
                                // A bound fell inside the front matter: the card's license keys and texts are unknown.
                                unread.add(new UnreadDocument(f.path(), "front matter", f.role(), true, "only the start was read (" + read.cut() + ")"));
                            }
                        } else {
                            unread.add(new UnreadDocument(f.path(), null, f.role(), false, read.failure()));
                        }
                    }
                    case LICENSE, USE_POLICY, NOTICE -> {
                        Read read = readText(f, diagnostics, budget);
                        String text = read.text();
                        if (text != null && text.isBlank() && f.size() > 0) {
                            // A scanned PDF, or one whose content the parser gave up on: its terms are unknown, and
                            // the report must say that this file was not read rather than drop it.
                            String why = "cannot be read: no text could be extracted (a scanned image, or a broken or empty document)";
                            diagnostics.add(new Diagnostic(f.path(), why));
                            if (bearing) {
                                unread.add(new UnreadDocument(f.path(), null, f.role(), false, why));
                            }
                        } else if (text != null) {
                            texts.add(new TextDocument(f.path(), null, f.role(), text, 1, read.cut() != null));
                            if (bearing && read.cut() != null) {
                                unread.add(new UnreadDocument(f.path(), null, f.role(), true, "only the start was read (" + read.cut() + ")"));
                            }
                        } else if (bearing) {
                            unread.add(new UnreadDocument(f.path(), null, f.role(), false, read.failure()));
                        }
                    }
                    case DOCUMENT -> {
                        if (f.size() <= MAX_DOCUMENT_PROBE) {
                            String text = readText(f, diagnostics, budget).text();
                            if (text != null) {
                                texts.add(new TextDocument(f.path(), null, f.role(), text, 1, false));
                            }
                        }
                    }
                    case CONFIG -> config = readJson(f, diagnostics);
                    case ADAPTER_CONFIG -> adapter = readJson(f, diagnostics);
                    case WEIGHTS -> {
                        Object header = headers.get(f.path());
                        if (header instanceof WeightsHeader h) {
                            weights.add(h);
                        } else if (header instanceof Diagnostic d) {
                            diagnostics.add(d);
                        }
                    }
                    default -> {
                    }
                }
            } catch (dev.canship.BadInputException e) {
                // A remote store that failed mid-read: nothing partial may be reported (one line, exit 2).
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                // A reader bug must not end the scan of the whole repository: this file is reported and the rest goes on.
                String why = "could not be read (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + CardReader.firstLine(e.getMessage())) + "); skipped";
                diagnostics.add(new Diagnostic(f.path(), why));
                if (bearing) {
                    unread.add(new UnreadDocument(f.path(), null, f.role(), false, why));
                }
            }
        }
        texts.sort(Comparator.comparing(TextDocument::file).thenComparing(d -> d.field() == null ? "" : d.field()));
        // A file the pickle probe and a reader both failed to open is reported once.
        return new Extraction(inventory, card, texts, config, adapter, weights, indexTotal, sample, diagnostics.stream().distinct().toList(), serialized,
                unread.stream().distinct().sorted(Comparator.comparing(UnreadDocument::where)).toList());
    }

    /**
     * The pickle scan of {@code f} when a loader could unpickle it: by its name (a checkpoint extension), or by its
     * first bytes whatever its name or role (a binary pickle, zip, tar, .npy or compressed stream). safetensors and
     * GGUF files have readers of their own. A file picked by content only is reported when it turns out to be a
     * pickle format, or when it cannot be checked; otherwise null.
     */
    private SerializationScan scanIfLoadable(RepoFile f, List<Diagnostic> diagnostics) {
        String n = f.name().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".safetensors") || n.endsWith(".gguf")) {
            return null;
        }
        boolean byName = PickleScanner.handles(f.name());
        SerializationScan scan;
        // The probe is a fenced open (from the scanned folder, never through a link); the pickle scanner and
        // java.util.zip then open the file by path, checked just before: a narrower guarantee than a fenced read.
        try (var probe = f.openStream()) {
            if (!byName && !PickleScanner.loadableByContent(probe.readNBytes(PickleScanner.HEAD_BYTES))) {
                return null;
            }
            if (f.member()) {
                // A file inside a tar layer is read in place; the pickle scanner opens whole files by path, so such a
                // file cannot be checked: unknown, never passed.
                return new SerializationScan(f.path(), "unchecked", false, List.of(), List.of(),
                        "stored inside a tar layer; a file a pickle loader could open is not scanned there", List.of());
            }
            // A remote file is read through its channel, by range: a zip from its central directory, a pickle as far as
            // its stream goes; never the tensor data.
            scan = f.remote() != null ? pickles.scan(f::open, f.path()) : pickles.scan(f.absolute(), f.path());
        } catch (IOException e) {
            diagnostics.add(new Diagnostic(f.path(), "cannot be read: " + CardReader.firstLine(e.getMessage())));
            return null;
        }
        boolean usual = byName && f.role() == FileRole.WEIGHTS;
        return usual || scan.isPickle() || scan.failed() ? scan : null;
    }

    /**
     * The safetensors indexes, the model's own first: one beside the root config.json, {@code model.safetensors.index.json}
     * before other names ({@code consolidated.}, a draft model's, an encoder's in a subfolder).
     */
    private static List<RepoFile> indexesInOrder(Inventory inventory) {
        return inventory.withRole(FileRole.WEIGHTS_INDEX).stream()
                .filter(f -> f.name().endsWith(".safetensors.index.json"))
                .sorted(Comparator.comparingInt((RepoFile f) -> f.path().indexOf('/') < 0 ? 0 : 1)
                        .thenComparingInt(f -> f.path().equals("model.safetensors.index.json") ? 0 : 1)
                        .thenComparing(RepoFile::path))
                .toList();
    }

    /**
     * Header reads of many shards run on both cores: each is a file open and a small parse, never the data (a
     * weight file is never read past its header, whatever its size).
     */
    private static final int PARALLEL_HEADERS = 8;

    /** Each safetensors or GGUF file's header, or the diagnostic that says why it could not be read, by path. */
    private Map<String, Object> readHeaders(List<RepoFile> files) {
        List<RepoFile> readable = files.stream().filter(f -> {
            String n = f.name().toLowerCase(java.util.Locale.ROOT);
            return n.endsWith(".safetensors") || n.endsWith(".gguf");
        }).toList();
        var stream = readable.size() > PARALLEL_HEADERS ? readable.parallelStream() : readable.stream();
        Map<String, Object> out = new java.util.concurrent.ConcurrentHashMap<>();
        stream.forEach(f -> out.put(f.path(), readHeader(f)));
        return out;
    }

    private Object readHeader(RepoFile f) {
        if (!f.openable()) {
            return new Diagnostic(f.path(), "no longer a regular file; not opened");
        }
        try {
            if (f.name().toLowerCase(java.util.Locale.ROOT).endsWith(".safetensors")) {
                return safetensors.read(f.name(), f::open).withFile(f.path());
            }
            return new GgufReader(limits.maxHeaderBytes(), limits.maxGgufTensors(), limits.maxGgufKv(), limits.maxGgufStringBytes())
                    .read(f.name(), f::open).withFile(f.path());
        } catch (WeightsFormatException e) {
            return new Diagnostic(f.path(), e.reason());
        } catch (dev.canship.BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            return new Diagnostic(f.path(), "header cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void addCardFields(ModelCard card, List<TextDocument> texts) {
        Iterator<Map.Entry<String, JsonNode>> it = card.frontMatter().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            boolean known = CARD_TEXT_FIELDS.contains(e.getKey());
            if (v.isTextual() && (known || v.asText().length() >= MIN_FIELD_CHARS)) {
                texts.add(new TextDocument(card.file(), e.getKey(), FileRole.MODEL_CARD, v.asText(), card.lineOf(e.getKey()), false));
            } else if (e.getKey().equals("extra_gated_fields") && v.isObject()) {
                // The Hub's access form: its field labels are what a user agrees to ("I agree to use this model for
                // non-commercial use ONLY"), so they are read as one text, a label per line (bounded like the card).
                StringBuilder labels = new StringBuilder();
                v.fieldNames().forEachRemaining(k -> {
                    if (labels.length() < 20_000) {
                        labels.append(k).append('\n');
                    }
                });
                texts.add(new TextDocument(card.file(), e.getKey(), FileRole.MODEL_CARD, labels.toString(), card.lineOf(e.getKey()), false));
            }
        }
    }

    /**
     * What reading one document gave: its text (null when it could not be read), the bound that cut it when only its
     * start was taken, and when it was not read, why (the diagnostic's words).
     */
    private record Read(String text, String cut, String failure) {
    }

    private Read readText(RepoFile f, List<Diagnostic> diagnostics, DocumentBudget budget) {
        try {
            BoundedRead read = BoundedRead.of(f, limits.maxTextBytes());
            if (read.truncated()) {
                diagnostics.add(new Diagnostic(f.path(), "larger than " + limits.maxTextBytes() + " bytes; only the start was read"));
            }
            DocumentTextReader.Text text = documents.text(f.name(), read.bytes(), budget);
            if (read.utf8().malformed() && !DocumentTextReader.extension(f.name()).matches("pdf|docx|rtf")) {
                diagnostics.add(new Diagnostic(f.path(), "not valid UTF-8; invalid bytes replaced"));
            }
            if (text.cut() != null && !read.truncated()) {
                diagnostics.add(new Diagnostic(f.path(), "only the first " + text.text().length() + " characters were read: "
                        + (text.cut().startsWith("max-tika-chars") ? "the bound " + text.cut() + " was reached" : text.cut())));
            }
            String cut = read.truncated() ? "max-text-bytes=" + limits.maxTextBytes() : text.cut();
            return new Read(text.text(), cut, null);
        } catch (DocumentTextReader.NotRead e) {
            diagnostics.add(new Diagnostic(f.path(), e.getMessage()));
            return new Read(null, null, e.getMessage());
        } catch (IOException e) {
            String why = "cannot be read: " + CardReader.firstLine(e.getMessage());
            diagnostics.add(new Diagnostic(f.path(), why));
            return new Read(null, null, why);
        }
    }

    private JsonNode readJson(RepoFile f, List<Diagnostic> diagnostics) {
        if (f.size() > limits.maxConfigBytes()) {
            diagnostics.add(new Diagnostic(f.path(), "larger than " + limits.maxConfigBytes() + " bytes; not read"));
            return null;
        }
        try {
            BoundedRead read = BoundedRead.of(f, limits.maxConfigBytes());
            JsonNode node = json.readTree(read.bytes());
            if (node == null || !node.isObject()) {
                diagnostics.add(new Diagnostic(f.path(), "not a JSON object; ignored"));
                return null;
            }
            return node;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            diagnostics.add(new Diagnostic(f.path(), "invalid JSON" + (line > 0 ? " at line " + line : "") + ": " + CardReader.firstLine(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            diagnostics.add(new Diagnostic(f.path(), "cannot be read: " + CardReader.firstLine(e.getMessage())));
            return null;
        }
    }
}
