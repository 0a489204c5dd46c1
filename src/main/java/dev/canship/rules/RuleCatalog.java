package dev.canship.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule catalogue ({@code rules/catalog.yaml}): what each bundled rule checks, why, and how to fix it, and the
 * words of each license term's obligation ({@code terms:}) that the reports' checklist shows.
 */
public final class RuleCatalog {

    /**
     * @param id       the rule id as findings carry it
     * @param kind     the finding kind it produces
     * @param severity its default severity
     * @param file     the .drl file that holds it
     * @param term     the license term it joins, or null
     * @param blocking a warning that rests on evidence canship cannot judge: it fails the default gate (see
     *                 {@code dev.canship.report.Verdict#blockingReview})
     * @param message  the finding's message as a {@link FindingTemplate}; the rule passes only the values
     * @param remedy   the finding's remediation as a {@link FindingTemplate}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String id, String kind, String severity, String file, String term, String checks, String why, String fix,
                        Boolean blocking, String message, String remedy) {
        public boolean blocksGate() {
            return Boolean.TRUE.equals(blocking);
        }
    }

    record Document(List<Entry> rules, Map<String, String> terms) {
    }

    private static volatile RuleCatalog bundled;
    /** A rule's finding words, parsed once, and the names of the values they take (both templates' placeholders). */
    record Templates(FindingTemplate message, FindingTemplate remedy, java.util.Set<String> names) {
        Templates(FindingTemplate message, FindingTemplate remedy) {
            this(message, remedy, union(message, remedy));
        }

        private static java.util.Set<String> union(FindingTemplate message, FindingTemplate remedy) {
            java.util.Set<String> all = new java.util.HashSet<>(message.placeholders());
            all.addAll(remedy.placeholders());
            return java.util.Set.copyOf(all);
        }
    }

    private final Map<String, Entry> entries;
    private final Map<String, Templates> templates;
    private final Map<String, FindingTemplate> obligations;

    private RuleCatalog(Map<String, Entry> entries, Map<String, String> terms) {
        this.entries = entries;
        Map<String, FindingTemplate> o = new java.util.TreeMap<>();
        terms.forEach((term, template) -> o.put(term, parseTemplate("terms." + term, template)));
        this.obligations = java.util.Collections.unmodifiableMap(o);
        Map<String, Templates> t = new LinkedHashMap<>();
        entries.values().forEach(e -> {
            if (e.message() != null && e.remedy() != null) {
                t.put(e.id(), new Templates(parseTemplate(e.id(), e.message()), parseTemplate(e.id(), e.remedy())));
            }
        });
        this.templates = Map.copyOf(t);
    }

    private static FindingTemplate parseTemplate(String where, String template) {
        try {
            return FindingTemplate.parse(template);
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException("rules/catalog.yaml, " + where + ": " + ex.getMessage(), ex);
        }
    }

    /** The message and remedy templates of a rule, if the catalogue gives them. */
    Optional<Templates> templates(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    public static RuleCatalog bundled() {
        RuleCatalog c = bundled;
        if (c == null) {
            // One parse a process: a check's thread that needs the catalogue while the preloading thread reads it
            // waits for that read instead of parsing the file a second time beside it.
            synchronized (RuleCatalog.class) {
                c = bundled;
                if (c == null) {
                    c = load();
                    bundled = c;
                }
            }
        }
        return c;
    }

    private static RuleCatalog load() {
        YAMLMapper m = new YAMLMapper();
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try (InputStream in = RuleCatalog.class.getClassLoader().getResourceAsStream("rules/catalog.yaml")) {
            if (in == null) {
                throw new IllegalStateException("rules/catalog.yaml is missing from the build");
            }
            Map<String, Entry> map = new LinkedHashMap<>();
            Document doc = m.readValue(in, Document.class);
            doc.rules().forEach(e -> map.put(e.id(), e));
            return new RuleCatalog(Map.copyOf(map), doc.terms() == null ? Map.of() : doc.terms());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The obligation template of a license term, keyed as under {@code terms:} in the license catalogue
     * ({@code mau}, {@code notice}, ... and {@code use_policy}), if the catalogue words it.
     */
    public Optional<FindingTemplate> obligation(String term) {
        return Optional.ofNullable(obligations.get(term));
    }

    /** Every obligation template, by term key in sorted order. */
    public Map<String, FindingTemplate> obligations() {
        return obligations;
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** All entries, sorted by id. */
    public List<Entry> entries() {
        return entries.values().stream().sorted(java.util.Comparator.comparing(Entry::id)).toList();
    }

    /** Names of the rules compiled into the bundled rule base (derivation rules included). */
    public static List<String> compiledRuleNames() {
        return BundledRules.kieBase().getKiePackages().stream()
                .flatMap(p -> p.getRules().stream())
                .map(org.kie.api.definition.rule.Rule::getName)
                .sorted().toList();
    }
}
