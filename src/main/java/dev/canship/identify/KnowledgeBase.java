package dev.canship.identify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The license knowledge base bundled from the top-level {@code licenses/} folder: the catalog of licenses,
 * the use policies, the use-case vocabulary and the screening lexicon. Loaded once and shared; immutable.
 */
public final class KnowledgeBase {

    private static final String ROOT = "licenses";
    private static volatile KnowledgeBase bundled;

    private final Map<String, LicenseInfo> licenses;
    private final Map<String, UsePolicy> policies;
    private final Map<String, String> uses;
    private final Map<String, List<String>> lexicon;

    KnowledgeBase(Map<String, LicenseInfo> licenses, Map<String, UsePolicy> policies, Map<String, String> uses, Map<String, List<String>> lexicon) {
        this.licenses = Collections.unmodifiableMap(new TreeMap<>(licenses));
        this.policies = Collections.unmodifiableMap(new TreeMap<>(policies));
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

    static YAMLMapper mapper() {
        YAMLMapper m = new YAMLMapper();
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.registerModule(new JavaTimeModule());
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);
        return m;
    }

    private static KnowledgeBase load() {
        YAMLMapper m = mapper();
        Map<String, LicenseInfo> licenses = new TreeMap<>();
        Map<String, UsePolicy> policies = new TreeMap<>();
        Map<String, String> uses = new TreeMap<>();
        Map<String, List<String>> lexicon = new TreeMap<>();
        try {
            for (String name : list(ROOT + "/catalog")) {
                if (name.endsWith(".yaml")) {
                    LicenseInfo info = read(m, ROOT + "/catalog/" + name, LicenseInfo.class);
                    licenses.put(info.id(), info);
                }
            }
            for (String name : list(ROOT + "/policies")) {
                if (name.endsWith(".yaml")) {
                    UsePolicy p = read(m, ROOT + "/policies/" + name, UsePolicy.class);
                    policies.put(p.id(), p);
                }
            }
            JsonNode u = read(m, ROOT + "/uses.yaml", JsonNode.class);
            JsonNode useList = u.has("uses") ? u.get("uses") : u;
            if (useList.isArray()) {
                useList.forEach(e -> uses.put(e.path("id").asText(), e.path("description").asText("")));
            } else {
                useList.fields().forEachRemaining(e -> uses.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().path("description").asText("")));
            }
            JsonNode lx = read(m, ROOT + "/lexicon.yaml", JsonNode.class);
            JsonNode lexNode = lx.has("lexicon") ? lx.get("lexicon") : lx;
            lexNode.fields().forEachRemaining(e -> {
                List<String> words = new ArrayList<>();
                JsonNode v = e.getValue().isArray() ? e.getValue() : e.getValue().path("terms");
                v.forEach(w -> words.add(w.asText().toLowerCase(Locale.ROOT)));
                lexicon.put(e.getKey(), List.copyOf(words));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled license knowledge base cannot be read: " + e.getMessage(), e);
        }
        return new KnowledgeBase(licenses, policies, uses, lexicon);
    }

    private static <T> T read(YAMLMapper m, String resource, Class<T> type) throws IOException {
        try (InputStream in = KnowledgeBase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the build");
            }
            return m.readValue(in, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(resource + ": " + e.getOriginalMessage() + (e instanceof com.fasterxml.jackson.databind.JsonMappingException jm ? " at " + jm.getPathReference() : ""), e);
        }
    }

    /** File names in a classpath folder, whether the classes are a folder (tests) or a jar (the application). */
    static List<String> list(String folder) throws IOException {
        URL url = KnowledgeBase.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return names(fs.getPath(folder));
            }
            return names(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IOException("bad resource location " + url, e);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString().replace("/", "")).sorted().toList();
        }
    }

    public Map<String, LicenseInfo> licenses() {
        return licenses;
    }

    public Optional<LicenseInfo> license(String id) {
        return Optional.ofNullable(id == null ? null : licenses.get(id.toLowerCase(Locale.ROOT)));
    }

    public Optional<UsePolicy> policy(String id) {
        return Optional.ofNullable(id == null ? null : policies.get(id));
    }

    public Map<String, UsePolicy> policies() {
        return policies;
    }

    /** The use-case vocabulary: id to one-line description. */
    public Map<String, String> uses() {
        return uses;
    }

    /** Screening words per use id, lower case. */
    public Map<String, List<String>> lexicon() {
        return lexicon;
    }

    /** The license a card's {@code license:} tag or {@code license_name:} names, if canship knows it. */
    public Optional<LicenseInfo> byCardName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        return licenses.values().stream()
                .filter(l -> l.id().equals(n) || l.hfTags().contains(n) || l.licenseNames().contains(n))
                .findFirst();
    }

    /** The license a card's {@code license_link:} points to, if canship knows it. */
    public Optional<LicenseInfo> byLink(String link) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        String l = link.toLowerCase(Locale.ROOT);
        return licenses.values().stream().filter(i -> i.linkPatterns().stream().anyMatch(p -> !p.isBlank() && l.contains(p.toLowerCase(Locale.ROOT)))).findFirst();
    }
}
