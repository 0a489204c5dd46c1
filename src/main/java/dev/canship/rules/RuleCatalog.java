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

/** The rule catalogue ({@code rules/catalog.yaml}): what each bundled rule checks, why, and how to fix it. */
public final class RuleCatalog {

    /**
     * @param id       the rule id as findings carry it
     * @param kind     the finding kind it produces
     * @param severity its default severity
     * @param file     the .drl file that holds it
     * @param term     the license term it joins, or null
     * @param blocking a warning that rests on evidence canship cannot judge: it fails the default gate (see
     *                 {@code dev.canship.report.Verdict#blockingReview})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String id, String kind, String severity, String file, String term, String checks, String why, String fix,
                        Boolean blocking) {
        public boolean blocksGate() {
            return Boolean.TRUE.equals(blocking);
        }
    }

    record Document(List<Entry> rules) {
    }

    private static volatile RuleCatalog bundled;
    private final Map<String, Entry> entries;

    private RuleCatalog(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static RuleCatalog bundled() {
        RuleCatalog c = bundled;
        if (c == null) {
            YAMLMapper m = new YAMLMapper();
            m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
            m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            try (InputStream in = RuleCatalog.class.getClassLoader().getResourceAsStream("rules/catalog.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("rules/catalog.yaml is missing from the build");
                }
                Map<String, Entry> map = new LinkedHashMap<>();
                m.readValue(in, Document.class).rules().forEach(e -> map.put(e.id(), e));
                c = new RuleCatalog(Map.copyOf(map));
                bundled = c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return c;
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
