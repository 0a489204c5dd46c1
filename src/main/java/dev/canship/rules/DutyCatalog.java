package dev.canship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.rules.facts.Duty;
import dev.canship.rules.facts.DutyTerm;
import dev.canship.rules.facts.PurposeTerm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The duties and scopes of {@code licenses/duties.yaml}: what the catalog's {@code terms:} blocks do not carry
 * (purposes, modification notices, update reminders) or narrow (a Notice owed only if upstream ships one). It
 * turns each entry into rule facts; the rules in {@code rules/duties.drl} decide what they mean.
 */
public final class DutyCatalog {

    private static volatile DutyCatalog bundled;

    private final Set<String> trainingUses;
    private final Map<String, List<Object>> facts;

    private DutyCatalog(Set<String> trainingUses, Map<String, List<Object>> facts) {
        this.trainingUses = trainingUses;
        this.facts = facts;
    }

    /** From the bundled knowledge base (read once with it, as JSON; no YAML is parsed at run time). */
    public static DutyCatalog bundled() {
        DutyCatalog c = bundled;
        if (c == null) {
            c = parse(dev.canship.identify.KnowledgeBase.bundled().duties());
            bundled = c;
        }
        return c;
    }

    static DutyCatalog parse(JsonNode root) {
        Set<String> uses = new TreeSet<>();
        root.path("training_uses").forEach(u -> uses.add(u.asText()));
        Map<String, List<Object>> out = new TreeMap<>();
        root.path("duties").fields().forEachRemaining(e -> {
            String license = e.getKey();
            List<Object> list = new ArrayList<>();
            e.getValue().fields().forEachRemaining(d -> list.add(fact(license, d.getKey(), d.getValue())));
            out.put(license, List.copyOf(list));
        });
        return new DutyCatalog(Set.copyOf(uses), Map.copyOf(out));
    }

    /** Purposes as the enum; an unknown word would be a purpose no deployment could ever match. */
    private static List<dev.canship.deployment.Purpose> purposes(String license, JsonNode list) {
        return strings(list).stream().map(w -> dev.canship.deployment.Purpose.ofLabel(w).orElseThrow(() ->
                new IllegalStateException("licenses/duties.yaml, " + license + ": unknown purpose " + w))).toList();
    }

    private static Object fact(String license, String key, JsonNode v) {
        if (key.equals("purposes")) {
            return new PurposeTerm(license, purposes(license, v.path("allowed")), purposes(license, v.path("review")), v.path("clause").asText());
        }
        // A key the rules do not know would be a duty silently never checked.
        Duty duty = Duty.ofKey(key).orElseThrow(() -> new IllegalStateException("licenses/duties.yaml, " + license + ": unknown duty " + key));
        if (v.isTextual()) {
            return new DutyTerm(license, duty, v.asText(), true, null, List.of(), Set.of());
        }
        List<String> words = new ArrayList<>(strings(v.path("model_types")));
        words.addAll(strings(v.path("name_words")));
        String clause = v.hasNonNull("clause") ? v.get("clause").asText() : null;
        String text = v.hasNonNull("text") ? v.get("text").asText()
                : v.hasNonNull("derivative_clause") ? v.get("derivative_clause").asText() : null;
        return new DutyTerm(license, duty, clause, !v.has("certain") || v.get("certain").asBoolean(), text,
                duty == Duty.MULTIMODAL_MARKERS ? List.copyOf(words) : List.of(), Set.copyOf(strings(v.path("versions"))));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    /** Uses (uses.yaml ids) that mean the outputs train or distil another model. */
    public Set<String> trainingUses() {
        return trainingUses;
    }

    /** The duty and purpose facts of one license; empty for a license without entries. */
    public List<Object> facts(String license) {
        return facts.getOrDefault(license, List.of());
    }

    /**
     * The facts of one version of a license: a duty scoped to some versions ({@code versions:} in duties.yaml) is
     * left out only when the version is known (a matched license text) and not among them.
     */
    public List<Object> facts(String license, String version) {
        if (version == null) {
            return facts(license);
        }
        return facts(license).stream().filter(f -> !(f instanceof DutyTerm d) || d.versions().isEmpty() || d.versions().contains(version)).toList();
    }

    /** Licenses with entries, for tests and documentation. */
    public Set<String> licenses() {
        return facts.keySet();
    }
}
