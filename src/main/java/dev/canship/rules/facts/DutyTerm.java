package dev.canship.rules.facts;

import java.util.List;
import java.util.Set;

/**
 * One entry of {@code licenses/duties.yaml} for the governing license.
 *
 * @param duty    which duty (the key in duties.yaml)
 * @param clause  the clause it comes from
 * @param certain false where the text leaves the reading open (the rule then warns instead of failing)
 * @param text    what the duty says, or the clause that applies instead (own_models_only), or null
 * @param markers lower-case model types and name words that recognise a model of the release (multimodal_markers)
 * @param versions the license versions (catalog version dates) that carry the duty; empty for every version
 */
public record DutyTerm(String license, Duty duty, String clause, boolean certain, String text, List<String> markers,
                       Set<String> versions) {

    /** True when the model's type or name carries one of the markers. */
    public boolean recognises(Model m) {
        if (m == null) {
            return false;
        }
        String type = m.architecture() == null ? "" : m.architecture().toLowerCase(java.util.Locale.ROOT);
        String name = m.name() == null ? "" : m.name().toLowerCase(java.util.Locale.ROOT);
        return markers.stream().anyMatch(w -> type.equals(w) || name.contains(w));
    }

    /** True when a model name (a base model's, say) carries one of the name markers. */
    public boolean recognisesName(String modelName) {
        String name = modelName == null ? "" : modelName.toLowerCase(java.util.Locale.ROOT);
        return !name.isEmpty() && markers.stream().anyMatch(name::contains);
    }
}
