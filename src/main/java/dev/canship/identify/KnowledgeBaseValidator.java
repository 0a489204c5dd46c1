package dev.canship.identify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Checks the license knowledge base ({@code licenses/}, or an organization's {@code --catalog} folder) against its
 * JSON Schemas ({@code licenses/schemas/*.schema.json}) and across files (a use policy named by a license exists, a
 * policy's uses are in the vocabulary, a fingerprint file exists...). Without it a typo'd key is silently dropped
 * when the data is bound to records. Every problem names the file, the YAML line and the key.
 */
public final class KnowledgeBaseValidator {

    /** One thing wrong in the knowledge base: {@code file:line: key: message}. */
    public record Problem(String file, int line, String key, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + message;
        }
    }

    /** The knowledge base is not valid; the message lists every problem, one a line. */
    public static final class InvalidKnowledgeBaseException extends RuntimeException {
        private final transient List<Problem> problems;

        public InvalidKnowledgeBaseException(List<Problem> problems) {
            super(problems.size() + " problem(s) in the license knowledge base:\n"
                    + String.join("\n", problems.stream().map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** A YAML file read as a tree, with the line of every key and value (by JSON pointer). */
    record Doc(String file, JsonNode tree, Map<String, Integer> lines) {
        int line(String pointer) {
            for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
                Integer l = lines.get(p);
                if (l != null) {
                    return l;
                }
                if (p.isEmpty()) {
                    return 1;
                }
            }
        }
    }

    /** Files an organization's folder may hold are small: bound them so a stray large file is one clear error. */
    static final long MAX_FILE_BYTES = 1L << 20;
    static final int MAX_FILES = 1000;
    static final long MAX_FINGERPRINT_BYTES = 4L << 20;
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();

    private final List<Problem> problems = new ArrayList<>();
    private boolean checkFingerprintIds;

    private KnowledgeBaseValidator() {
    }

    /** Validates the whole knowledge base folder ({@code licenses/}); the list is empty when it is valid. */
    public static List<Problem> validateKnowledgeBase(Path licenses) {
        KnowledgeBaseValidator v = new KnowledgeBaseValidator();
        List<Doc> catalog = v.readAll(licenses, "catalog", "catalog");
        List<Doc> policies = v.readAll(licenses, "policies", "policy");
        Doc uses = v.readOne(licenses, "uses.yaml", "uses");
        Doc lexicon = v.readOne(licenses, "lexicon.yaml", "lexicon");
        Doc lineage = v.readOne(licenses, "lineage.yaml", "lineage");
        Doc duties = v.readOne(licenses, "duties.yaml", "duties");
        v.readOne(licenses, "exceptions.yaml", "exceptions");
        Doc statements = v.readOne(licenses, "statements.yaml", "statements");
        if (statements != null) {
            JsonNode list = statements.tree().path("statements");
            for (int i = 0; i < list.size(); i++) {
                try {
                    Pattern.compile(list.get(i).path("name_slot").asText(""));
                } catch (PatternSyntaxException e) {
                    v.add(statements, "/statements/" + i + "/name_slot", "not a Java regular expression: " + e.getDescription());
                }
            }
        }
        Set<String> useIds = ids(uses == null ? null : uses.tree().path("uses"));
        Set<String> licenseIds = new TreeSet<>();
        catalog.forEach(d -> licenseIds.add(d.tree().path("id").asText()));
        Set<String> policyIds = new TreeSet<>();
        policies.forEach(d -> policyIds.add(d.tree().path("id").asText()));
        Doc regions = v.readOne(licenses, "regions.yaml", "regions");
        Set<String> regionIds = new TreeSet<>();
        if (regions != null) {
            regions.tree().path("regions").fieldNames().forEachRemaining(regionIds::add);
        }
        v.crossCheck(catalog, policies, licenseIds, policyIds, useIds, regionIds, licenses.resolve("fingerprints"));
        if (lexicon != null) {
            lexicon.tree().path("lexicon").fieldNames().forEachRemaining(k -> v.requireIn(lexicon, "/lexicon/" + k, k, useIds, "a use id of uses.yaml"));
        }
        if (lineage != null) {
            Set<String> notHeld = new TreeSet<>();
            lineage.tree().path("not_held").forEach(n -> notHeld.add(n.asText()));
            JsonNode rules = lineage.tree().path("lineage");
            for (int i = 0; i < rules.size(); i++) {
                JsonNode r = rules.get(i);
                try {
                    Pattern.compile(r.path("pattern").asText());
                } catch (PatternSyntaxException e) {
                    v.add(lineage, "/lineage/" + i + "/pattern", "not a Java regular expression: " + e.getDescription());
                }
                if (r.path("license").isTextual() && !licenseIds.contains(r.get("license").asText()) && !notHeld.contains(r.get("license").asText())) {
                    v.add(lineage, "/lineage/" + i + "/license", "'" + r.get("license").asText() + "' is neither a catalog id nor listed under not_held");
                }
            }
        }
        if (duties != null) {
            duties.tree().path("duties").fieldNames().forEachRemaining(k -> v.requireIn(duties, "/duties/" + k, k, licenseIds, "a catalog id"));
            JsonNode tu = duties.tree().path("training_uses");
            for (int i = 0; i < tu.size(); i++) {
                v.requireIn(duties, "/training_uses/" + i, tu.get(i).asText(), useIds, "a use id of uses.yaml");
            }
            // A version a duty is scoped to must be one a license text can match, or the duty would silently never apply.
            duties.tree().path("duties").fields().forEachRemaining(l -> l.getValue().fields().forEachRemaining(d -> {
                JsonNode vs = d.getValue().path("versions");
                for (int i = 0; i < vs.size(); i++) {
                    String ver = vs.get(i).asText();
                    if (!Files.isRegularFile(licenses.resolve("fingerprints").resolve(l.getKey() + ".license." + ver + ".fp"))) {
                        v.add(duties, "/duties/" + l.getKey() + "/" + d.getKey() + "/versions/" + i,
                                "'" + ver + "' is no version of " + l.getKey() + " that a fingerprint can match (fingerprints/" + l.getKey() + ".license." + ver + ".fp)");
                    }
                }
            }));
        }
        return v.sorted();
    }

    /**
     * Validates an organization's folder ({@code catalog/*.yaml}, optional {@code policies/*.yaml} and
     * {@code fingerprints/*.fp}) to be merged over {@code base}: same schemas, and no id may clash with a bundled one.
     */
    public static List<Problem> validateOverlay(Path dir, KnowledgeBase base) {
        KnowledgeBaseValidator v = new KnowledgeBaseValidator();
        v.checkFingerprintIds = true;
        if (!Files.isDirectory(dir.resolve("catalog"))) {
            v.problems.add(new Problem(dir.toString(), 0, "catalog", "the folder has no catalog/ folder of <id>.yaml files"));
            return v.sorted();
        }
        List<Doc> catalog = v.readAll(dir, "catalog", "catalog");
        List<Doc> policies = Files.isDirectory(dir.resolve("policies")) ? v.readAll(dir, "policies", "policy") : List.of();
        Set<String> licenseIds = new TreeSet<>(base.licenseIds());
        for (Doc d : catalog) {
            String id = d.tree().path("id").asText();
            if (base.licenseIds().contains(id)) {
                v.add(d, "/id", "'" + id + "' is a license canship already ships; give yours another id");
            }
            licenseIds.add(id);
            v.refuseTakenNames(d, base);
        }
        Set<String> policyIds = new TreeSet<>(base.policies().keySet());
        for (Doc d : policies) {
            String id = d.tree().path("id").asText();
            if (base.policies().containsKey(id)) {
                v.add(d, "/id", "'" + id + "' is a use policy canship already ships; give yours another id");
            }
            policyIds.add(id);
        }
        v.crossCheck(catalog, policies, licenseIds, policyIds, base.uses().keySet(), base.regions().ids(), dir.resolve("fingerprints"));
        return v.sorted();
    }

    /** Throws {@link InvalidKnowledgeBaseException} listing the problems, if any. */
    public static void requireValid(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidKnowledgeBaseException(problems);
        }
    }

    /** The YAML trees of a folder's {@code *.yaml} files, each marked with its {@code _file}; for a folder already validated. */
    static List<JsonNode> trees(Path root, String folder) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.resolve(folder))) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().limit(MAX_FILES).toList()) {
                JsonNode n = YAML.readTree(Files.readString(f, StandardCharsets.UTF_8));
                ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("_file", f.toString());
                out.add(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root.resolve(folder) + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * A card tag, alias or link pattern that already means a bundled license would let an added entry take over
     * cards of that license (the first match wins): refused, so a folder adds licenses but never redefines one.
     */
    private void refuseTakenNames(Doc d, KnowledgeBase base) {
        for (String field : List.of("hf_tags", "license_names")) {
            JsonNode names = d.tree().path(field);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).asText();
                final int at = i;
                base.byCardName(name).ifPresent(l -> add(d, "/" + field + "/" + at, "'" + name + "' already means the bundled license " + l.id()));
            }
        }
        JsonNode links = d.tree().path("link_patterns");
        for (int i = 0; i < links.size(); i++) {
            String pattern = links.get(i).asText().toLowerCase(java.util.Locale.ROOT);
            for (LicenseInfo l : base.licenses().values()) {
                if (l.linkPatterns().stream().anyMatch(p -> p.toLowerCase(java.util.Locale.ROOT).contains(pattern) || pattern.contains(p.toLowerCase(java.util.Locale.ROOT)))) {
                    add(d, "/link_patterns/" + i, "'" + pattern + "' overlaps a link pattern of the bundled license " + l.id());
                    break;
                }
            }
        }
    }

    private void crossCheck(List<Doc> catalog, List<Doc> policies, Set<String> licenseIds, Set<String> policyIds,
                            Set<String> useIds, Set<String> regionIds, Path fingerprints) {
        for (Doc d : catalog) {
            JsonNode t = d.tree();
            requireFileName(d, t.path("id").asText());
            if (t.path("use_policy").isTextual() && !policyIds.contains(t.get("use_policy").asText())) {
                add(d, "/use_policy", "'" + t.get("use_policy").asText() + "' names no file in policies/");
            }
            JsonNode docs = t.path("documents");
            for (int i = 0; i < docs.size(); i++) {
                String fp = docs.get(i).path("fingerprint").asText("");
                if (!fp.isEmpty() && (fp.contains("/") || fp.contains("\\") || !Files.isRegularFile(fingerprints.resolve(fp)))) {
                    add(d, "/documents/" + i + "/fingerprint", "'" + fp + "' is not a file in " + fingerprints.getFileName() + "/");
                } else if (!fp.isEmpty() && size(fingerprints.resolve(fp)) > MAX_FINGERPRINT_BYTES) {
                    add(d, "/documents/" + i + "/fingerprint", "'" + fp + "' is larger than 4 MiB");
                } else if (!fp.isEmpty() && checkFingerprintIds) {
                    checkFingerprint(d, i, fingerprints.resolve(fp), t.path("id").asText(), docs.get(i).path("kind").asText());
                }
            }
            JsonNode regions = t.path("terms").path("territorial").path("excluded_regions");
            for (int i = 0; i < regions.size(); i++) {
                String r = regions.get(i).asText();
                if (r.length() != 2 && !regionIds.contains(r)) {
                    add(d, "/terms/territorial/excluded_regions/" + i, "'" + r + "' is neither an ISO country code nor a region of regions.yaml");
                }
            }
        }
        for (Doc d : policies) {
            JsonNode t = d.tree();
            requireFileName(d, t.path("id").asText());
            JsonNode applies = t.path("applies_to");
            for (int i = 0; i < applies.size(); i++) {
                requireIn(d, "/applies_to/" + i, applies.get(i).asText(), licenseIds, "a catalog id");
            }
            JsonNode sections = t.path("sections");
            for (int i = 0; i < sections.size(); i++) {
                for (String list : List.of("prohibits", "review")) {
                    JsonNode u = sections.get(i).path(list);
                    for (int j = 0; j < u.size(); j++) {
                        requireIn(d, "/sections/" + i + "/" + list + "/" + j, u.get(j).asText(), useIds, "a use id of uses.yaml");
                    }
                }
            }
        }
    }

    /** An organization's fingerprint must be one canship made (licenses fingerprint) for this license and kind. */
    private void checkFingerprint(Doc d, int i, Path file, String id, String kind) {
        String pointer = "/documents/" + i + "/fingerprint";
        try (InputStream in = Files.newInputStream(file)) {
            dev.canship.identify.fingerprint.Fingerprint fp = dev.canship.identify.fingerprint.FingerprintBuilder.read(in);
            if (!id.equals(fp.id()) || !kind.equals(fp.kind())) {
                add(d, pointer, "'" + file.getFileName() + "' is the fingerprint of " + fp.id() + " (" + fp.kind() + "), not of " + id + " (" + kind
                        + "); make it with: canship licenses fingerprint FILE --id " + id + " --kind " + kind);
            }
        } catch (IOException | RuntimeException e) {
            add(d, pointer, "'" + file.getFileName() + "' is not a canship fingerprint (" + e.getMessage() + ")");
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private void requireFileName(Doc d, String id) {
        String name = Path.of(d.file()).getFileName().toString();
        if (!name.equals(id + ".yaml")) {
            add(d, "/id", "'" + id + "' does not match the file name " + name);
        }
    }

    private void requireIn(Doc d, String pointer, String value, Set<String> known, String what) {
        if (!known.contains(value)) {
            add(d, pointer, "'" + value + "' is not " + what);
        }
    }

    private void add(Doc d, String pointer, String message) {
        problems.add(new Problem(d.file(), d.line(pointer), key(pointer), message));
    }

    private List<Problem> sorted() {
        problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line).thenComparing(Problem::key));
        return List.copyOf(problems);
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> out = new TreeSet<>();
        if (list != null) {
            list.forEach(n -> out.add(n.path("id").asText()));
        }
        return out;
    }

    private List<Doc> readAll(Path root, String folder, String schema) {
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve(folder))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().limit(MAX_FILES + 1L).toList();
        } catch (IOException e) {
            problems.add(new Problem(root.resolve(folder).toString(), 0, "", "cannot be listed (" + e.getMessage() + ")"));
            return List.of();
        }
        if (files.size() > MAX_FILES) {
            problems.add(new Problem(root.resolve(folder).toString(), 0, "", "more than " + MAX_FILES + " files"));
            return List.of();
        }
        List<Doc> out = new ArrayList<>();
        for (Path f : files) {
            Doc d = read(f, folder + "/" + f.getFileName(), schema);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    private Doc readOne(Path root, String name, String schema) {
        return read(root.resolve(name), name, schema);
    }

    /** Reads and schema-checks one file; null (and a problem) when it cannot be parsed. */
    private Doc read(Path file, String displayName, String schema) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(new Problem(displayName, 0, "", "larger than 1 MiB"));
                return null;
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(displayName, 0, "", "cannot be read (" + e.getMessage() + ")"));
            return null;
        }
        Doc d;
        try {
            d = parse(displayName, text);
        } catch (JsonProcessingException e) {
            problems.add(new Problem(displayName, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "", e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(displayName, 0, "", "cannot be parsed (" + e.getMessage() + ")"));
            return null;
        }
        if (d.tree() == null || !d.tree().isObject()) {
            problems.add(new Problem(displayName, 1, "", "not a YAML mapping"));
            return null;
        }
        for (ValidationMessage m : schema(schema).validate(d.tree())) {
            String pointer = pointer(m.getInstanceLocation());
            String type = m.getType();
            if (("additionalProperties".equals(type) || "required".equals(type)) && m.getProperty() != null) {
                String key = pointer + "/" + m.getProperty();
                String msg = "additionalProperties".equals(type) ? "unknown key (a typo? see licenses/README.md for the keys)" : "required key missing";
                problems.add(new Problem(displayName, d.line("required".equals(type) ? pointer : key), key(key), msg));
            } else {
                problems.add(new Problem(displayName, d.line(pointer), key(pointer), m.getError() != null ? m.getError() : m.getMessage()));
            }
        }
        return d;
    }

    static Doc parse(String displayName, String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        YAMLFactory f = (YAMLFactory) YAML.getFactory();
        try (JsonParser p = f.createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (p.getParsingContext().getParent() != null) {
                        lines.putIfAbsent(p.getParsingContext().getParent().pathAsPointer().toString(), line);
                    }
                } else if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                    lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), line);
                }
            }
        }
        return new Doc(displayName, YAML.readTree(text), lines);
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            b.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    /** A pointer as the dotted key a reviewer reads ({@code terms.mau.threshold}, {@code documents[0].kind}). */
    static String key(String pointer) {
        StringBuilder b = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String p = part.replace("~1", "/").replace("~0", "~");
            if (p.chars().allMatch(Character::isDigit)) {
                b.append('[').append(p).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(p);
            }
        }
        return b.toString();
    }

    private static synchronized JsonSchema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            String resource = "licenses/schemas/" + n + ".schema.json";
            try (InputStream in = KnowledgeBaseValidator.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the build");
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
            }
        });
    }
}
