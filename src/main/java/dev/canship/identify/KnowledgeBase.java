package dev.canship.identify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The license knowledge base bundled from the top-level {@code licenses/} folder: the catalog of licenses,
 * the use policies, the use-case vocabulary and the screening lexicon. Loaded once and shared; immutable.
 *
 * <p>The build bundles the YAML files into one JSON document; entries are turned into records only when
 * asked for, because binding all of them costs more than the rest of a check's start-up, and a check needs
 * one license and its policy.
 */
public final class KnowledgeBase {

    /** Written by the build from licenses/*.yaml (dev.canship.build.KnowledgeBaseBundler). */
    static final String BUNDLE = "licenses/knowledge-base.json";
    private static volatile KnowledgeBase bundled;
    private static final ObjectMapper MAPPER = mapper();

    private final Map<String, JsonNode> rawLicenses;
    private final Map<String, JsonNode> rawPolicies;
    private final Map<String, LicenseInfo> licenseCache = new ConcurrentHashMap<>();
    private final Map<String, UsePolicy> policyCache = new ConcurrentHashMap<>();
    private final Map<String, String> uses;
    private final Map<String, List<String>> lexicon;
    private final List<Lineage.Rule> lineage;
    private final Regions regions;
    /** SPDX exception ids canship knows (licenses/exceptions.yaml), lower case, to their summaries. */
    private final Map<String, String> exceptions;
    /** Publisher statements that bind nothing beyond the law (licenses/statements.yaml). */
    private final List<Statement> statements;
    /** licenses/duties.yaml as bundled: read into rule facts by {@code rules.DutyCatalog}. */
    private final JsonNode duties;
    /** Fingerprint files of an organization's catalog ({@link #withCatalog}), by (license id, file name). */
    private final Map<Map.Entry<String, String>, java.nio.file.Path> localFingerprints;

    private KnowledgeBase(Map<String, JsonNode> rawLicenses, Map<String, JsonNode> rawPolicies, Map<String, String> uses,
                          Map<String, List<String>> lexicon, List<Lineage.Rule> lineage, Regions regions, JsonNode duties,
                          Map<String, String> exceptions, List<Statement> statements) {
        this.lineage = List.copyOf(lineage);
        this.statements = List.copyOf(statements);
        this.exceptions = Map.copyOf(exceptions);
        this.regions = regions;
        this.duties = duties;
        this.localFingerprints = Map.of();
        this.rawLicenses = Collections.unmodifiableMap(new TreeMap<>(rawLicenses));
        this.rawPolicies = Collections.unmodifiableMap(new TreeMap<>(rawPolicies));
        this.uses = Collections.unmodifiableMap(new TreeMap<>(uses));
        this.lexicon = Collections.unmodifiableMap(new TreeMap<>(lexicon));
    }

    /** The knowledge base shipped with canship. */
    public static KnowledgeBase bundled() {
        KnowledgeBase kb = bundled;
        if (kb == null) {
            synchronized (KnowledgeBase.class) {
                kb = bundled;
                if (kb == null) {
                    kb = load();
                    bundled = kb;
                }
            }
        }
        return kb;
    }

    /** JSON, not YAML: the bundle is JSON, and a plain mapper starts faster. */
    static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        // Dates here are only LocalDate: the whole JavaTimeModule would load and build over a hundred
        // serializer and deserializer classes at every start for it.
        m.registerModule(new SimpleModule("canship-dates").addDeserializer(LocalDate.class, LocalDateDeserializer.INSTANCE));
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);
        return m;
    }

    private static KnowledgeBase load() {
        try (InputStream in = KnowledgeBase.class.getClassLoader().getResourceAsStream(BUNDLE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLE + " is missing: the knowledge base was not bundled by the build (run 'mvn package', not only 'mvn compile')");
            }
            return fromBundle(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled license knowledge base cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads the bundle: {@code catalog} and {@code policies} arrays of the YAML files' trees, {@code uses}, {@code lexicon}. */
    static KnowledgeBase fromBundle(JsonNode root) {
        Map<String, JsonNode> licenses = new TreeMap<>();
        root.path("catalog").forEach(n -> licenses.put(n.path("id").asText(), n));
        Map<String, JsonNode> policies = new TreeMap<>();
        root.path("policies").forEach(n -> policies.put(n.path("id").asText(), n));
        Map<String, String> uses = new TreeMap<>();
        JsonNode u = root.path("uses");
        JsonNode useList = u.has("uses") ? u.get("uses") : u;
        if (useList.isArray()) {
            useList.forEach(e -> uses.put(e.path("id").asText(), e.path("description").asText("")));
        } else {
            useList.fields().forEachRemaining(e -> uses.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().path("description").asText("")));
        }
        Map<String, List<String>> lexicon = new TreeMap<>();
        JsonNode lx = root.path("lexicon");
        JsonNode lexNode = lx.has("lexicon") ? lx.get("lexicon") : lx;
        lexNode.fields().forEachRemaining(e -> {
            List<String> words = new ArrayList<>();
            JsonNode v = e.getValue().isArray() ? e.getValue() : e.getValue().path("terms");
            v.forEach(w -> words.add(w.asText().toLowerCase(Locale.ROOT)));
            lexicon.put(e.getKey(), List.copyOf(words));
        });
        List<Lineage.Rule> lineage = new ArrayList<>();
        root.path("lineage").forEach(n -> lineage.add(new Lineage.Rule(n.path("pattern").asText(),
                n.path("license").isTextual() ? n.path("license").asText().toLowerCase(Locale.ROOT) : null, n.path("why").asText(""))));
        Map<String, java.util.Set<String>> regions = new TreeMap<>();
        root.path("regions").fields().forEachRemaining(e -> {
            java.util.Set<String> members = new java.util.TreeSet<>();
            e.getValue().path("members").forEach(m -> members.add(m.asText()));
            regions.put(e.getKey(), members);
        });
        Map<String, String> exceptions = new TreeMap<>();
        root.path("exceptions").fields().forEachRemaining(e -> exceptions.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        List<Statement> statements = new ArrayList<>();
        root.path("statements").forEach(n -> {
            java.util.Set<String> hashes = new java.util.TreeSet<>();
            n.path("sha256").forEach(h -> hashes.add(h.asText()));
            statements.add(new Statement(n.path("id").asText(), n.path("title").asText(), n.path("publisher").asText(), n.path("source").asText(),
                    n.path("summary").asText(), n.hasNonNull("name_slot") ? java.util.regex.Pattern.compile(n.get("name_slot").asText()) : null,
                    java.util.Set.copyOf(hashes)));
        });
        return new KnowledgeBase(licenses, policies, uses, lexicon, lineage, new Regions(regions), root.path("duties"), exceptions, statements);
    }

    private static <T> T convert(JsonNode n, Class<T> type) {
        try {
            return MAPPER.treeToValue(n, type);
        } catch (JacksonException e) {
            throw new IllegalStateException("licenses/" + n.path("_file").asText("?") + ": " + e.getOriginalMessage()
                    + (e instanceof JsonMappingException jm ? " at " + jm.getPathReference() : ""), e);
        }
    }

    /** Every license, by id (each bound to a record; for listings and checks over the whole catalog). */
    public Map<String, LicenseInfo> licenses() {
        Map<String, LicenseInfo> all = new TreeMap<>();
        rawLicenses.keySet().forEach(id -> all.put(id, license(id).orElseThrow()));
        return Collections.unmodifiableMap(all);
    }

    /** The license ids canship knows, sorted. */
    public java.util.Set<String> licenseIds() {
        return rawLicenses.keySet();
    }

    public Optional<LicenseInfo> license(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String key = id.toLowerCase(Locale.ROOT);
        JsonNode raw = rawLicenses.get(key);
        return raw == null ? Optional.empty() : Optional.of(licenseCache.computeIfAbsent(key, k -> convert(raw, LicenseInfo.class)));
    }

    /**
     * Binds one license and one policy, so the record binders exist before a check needs them: Jackson builds them
     * on first use (about 20 ms cold, on the thread that identifies). A preloading thread calls this when idle.
     */
    public void prepareBinding() {
        rawLicenses.keySet().stream().findFirst().ifPresent(this::license);
        rawPolicies.keySet().stream().findFirst().ifPresent(this::policy);
    }

    public Optional<UsePolicy> policy(String id) {
        JsonNode raw = id == null ? null : rawPolicies.get(id);
        return raw == null ? Optional.empty() : Optional.of(policyCache.computeIfAbsent(id, k -> convert(raw, UsePolicy.class)));
    }

    public Map<String, UsePolicy> policies() {
        Map<String, UsePolicy> all = new TreeMap<>();
        rawPolicies.keySet().forEach(id -> all.put(id, policy(id).orElseThrow()));
        return Collections.unmodifiableMap(all);
    }

    /** The use-case vocabulary: id to one-line description. */
    public Map<String, String> uses() {
        return uses;
    }

    /** Screening words per use id, lower case. */
    public Map<String, List<String>> lexicon() {
        return lexicon;
    }

    /** Base-model name patterns and the license each implies, in the order they are tried (licenses/lineage.yaml). */
    public List<Lineage.Rule> lineage() {
        return lineage;
    }

    private KnowledgeBase(KnowledgeBase base, Map<String, JsonNode> rawLicenses, Map<String, JsonNode> rawPolicies,
                          Map<Map.Entry<String, String>, java.nio.file.Path> localFingerprints) {
        this.lineage = base.lineage;
        this.regions = base.regions;
        this.exceptions = base.exceptions;
        this.statements = base.statements;
        this.duties = base.duties;
        this.uses = base.uses;
        this.lexicon = base.lexicon;
        this.rawLicenses = Collections.unmodifiableMap(new TreeMap<>(rawLicenses));
        this.rawPolicies = Collections.unmodifiableMap(new TreeMap<>(rawPolicies));
        this.localFingerprints = Map.copyOf(localFingerprints);
    }

    /**
     * This knowledge base with an organization's own licenses merged over it: {@code dir} holds
     * {@code catalog/<id>.yaml}, optional {@code policies/<id>.yaml} and {@code fingerprints/*.fp}, in the formats of
     * licenses/README.md. Validated by the same schemas and cross-checks as the bundled data; an id that clashes with a
     * bundled license or policy is an error, so an organization can add a license but never silently redefine one.
     *
     * @throws KnowledgeBaseValidator.InvalidKnowledgeBaseException listing every problem as {@code file:line: key: message}
     */
    public KnowledgeBase withCatalog(java.nio.file.Path dir) {
        KnowledgeBaseValidator.requireValid(KnowledgeBaseValidator.validateOverlay(dir, this));
        Map<String, JsonNode> licenses = new TreeMap<>(rawLicenses);
        Map<String, JsonNode> policies = new TreeMap<>(rawPolicies);
        Map<Map.Entry<String, String>, java.nio.file.Path> fingerprints = new java.util.HashMap<>(localFingerprints);
        for (JsonNode n : KnowledgeBaseValidator.trees(dir, "catalog")) {
            String id = n.path("id").asText();
            licenses.put(id, n);
            n.path("documents").forEach(d -> fingerprints.put(Map.entry(id, d.path("fingerprint").asText()),
                    dir.resolve("fingerprints").resolve(d.path("fingerprint").asText())));
        }
        if (java.nio.file.Files.isDirectory(dir.resolve("policies"))) {
            KnowledgeBaseValidator.trees(dir, "policies").forEach(n -> policies.put(n.path("id").asText(), n));
        }
        return new KnowledgeBase(this, licenses, policies, fingerprints);
    }

    /** The file of a fingerprint an organization's catalog names, or empty for a bundled one (a class path resource). */
    public Optional<java.nio.file.Path> localFingerprint(String licenseId, String fileName) {
        return Optional.ofNullable(localFingerprints.get(Map.entry(licenseId, fileName)));
    }

    /** The per-license duties and the training uses (licenses/duties.yaml), as the bundle holds them. */
    public JsonNode duties() {
        return duties;
    }

    /**
     * Whether canship knows the SPDX exception a declared expression names after WITH (licenses/exceptions.yaml;
     * ids compare without regard to case, as SPDX says). An exception it does not know may restrict, not permit.
     */
    public boolean knowsException(String id) {
        return id != null && exceptions.containsKey(id.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * A publisher statement shipped where a use policy usually is that binds nothing beyond the law
     * (licenses/statements.yaml).
     *
     * @param nameSlot the model's own name inside the statement, replaced by "model" before hashing; or null
     * @param sha256   hashes of the normalized texts that are this statement
     */
    public record Statement(String id, String title, String publisher, String source, String summary,
                            java.util.regex.Pattern nameSlot, java.util.Set<String> sha256) {
    }

    /** Longer texts are never one of the short statements: they are not normalized or hashed at all. */
    private static final int MAX_STATEMENT_CHARS = 4_000;

    /**
     * The known statement {@code text} is, exactly: its normalized form (lower case, every run of characters other
     * than ASCII letters and digits one space) hashes to a listed value. Any edit makes it unknown again, and so does
     * any letter or digit outside ASCII.
     */
    public Optional<Statement> statement(String text) {
        if (text == null || text.length() > MAX_STATEMENT_CHARS || statements.isEmpty()) {
            return Optional.empty();
        }
        // The normalization keeps ASCII letters and digits only; words in any other script would vanish from the hash,
        // so a text with any is never a known statement (an appended sentence in Chinese must not pass as "word for word").
        if (text.codePoints().anyMatch(c -> c > 127 && Character.isLetterOrDigit(c))) {
            return Optional.empty();
        }
        String normalized = text.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-z]+", " ").strip();
        for (Statement st : statements) {
            String n = st.nameSlot() == null ? normalized : st.nameSlot().matcher(normalized).replaceAll("model");
            if (st.sha256().contains(sha256(n))) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Region codes and their member countries (licenses/regions.yaml). */
    public Regions regions() {
        return regions;
    }

    /**
     * The license a card's {@code license:} tag or {@code license_name:} names, if canship knows it: by its id, a Hub
     * tag, a name, or its SPDX id (SPDX ids compare without regard to case, as the SPDX spec says).
     */
    public Optional<LicenseInfo> byCardName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        // An id, tag or name first: two licenses may share an SPDX id (Cohere's CC-BY-NC-4.0 with its addendum).
        return rawLicenses.entrySet().stream()
                .filter(e -> e.getKey().equals(n) || strings(e.getValue(), "hf_tags").contains(n) || strings(e.getValue(), "license_names").contains(n))
                .findFirst()
                .or(() -> rawLicenses.entrySet().stream().filter(e -> e.getValue().path("spdx").asText("").toLowerCase(Locale.ROOT).equals(n)).findFirst())
                .flatMap(e -> license(e.getKey()));
    }

    /** The license a card's {@code license_link:} points to, if canship knows it. */
    public Optional<LicenseInfo> byLink(String link) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        String l = link.toLowerCase(Locale.ROOT);
        return rawLicenses.entrySet().stream()
                .filter(e -> strings(e.getValue(), "link_patterns").stream().anyMatch(p -> !p.isBlank() && l.contains(p.toLowerCase(Locale.ROOT))))
                .findFirst().flatMap(e -> license(e.getKey()));
    }

    /**
     * The license whose title or link a short text mentions (a LICENSE file that only names its license); the
     * longest title wins, so "Llama 3.1 Community License" is not read as a shorter title inside it.
     */
    public Optional<LicenseInfo> namedIn(String lowerCaseText) {
        return bestNamed(rawLicenses, lowerCaseText, true).flatMap(this::license);
    }

    /** The use policy whose title a short text mentions. */
    public Optional<UsePolicy> policyNamedIn(String lowerCaseText) {
        return bestNamed(rawPolicies, lowerCaseText, false).flatMap(this::policy);
    }

    private static Optional<String> bestNamed(Map<String, JsonNode> raw, String text, boolean links) {
        Function<JsonNode, String> title = n -> n.path("title").asText("").toLowerCase(Locale.ROOT);
        return raw.entrySet().stream()
                .filter(e -> (!title.apply(e.getValue()).isEmpty() && text.contains(title.apply(e.getValue())))
                        || (links && strings(e.getValue(), "link_patterns").stream().anyMatch(p -> !p.isBlank() && text.contains(p.toLowerCase(Locale.ROOT)))))
                .max(Comparator.comparingInt((Map.Entry<String, JsonNode> e) -> title.apply(e.getValue()).length()))
                .map(Map.Entry::getKey);
    }

    /** Fingerprint files the catalog names, as (license id, file) pairs, without binding the catalog. */
    public List<Map.Entry<String, String>> fingerprintFiles() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        rawLicenses.forEach((id, n) -> n.path("documents").forEach(d -> {
            if (d.hasNonNull("fingerprint")) {
                out.add(Map.entry(id, d.get("fingerprint").asText()));
            }
        }));
        return out;
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.path(field);
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        } else if (v.isTextual()) {
            out.add(v.asText().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
