package dev.canship.rules.facts;

import java.util.List;

/**
 * How the organization changes and offers the model.
 *
 * @param releaseName        the name it is offered under, or null
 * @param change             none, fine-tune, quantize, merge, distill or adapter
 * @param distribution       internal, hosted or weights
 * @param outputsTrainModels outputs create, train or improve another AI model
 * @param modalities         inputs the deployment uses
 */
public record ModelOffer(String releaseName, String change, String distribution, boolean outputsTrainModels, List<String> modalities) {

    public boolean hasReleaseName() {
        return releaseName != null && !releaseName.isBlank();
    }

    /** True when the release name starts with {@code prefix}, as the licenses require (case and spacing as written). */
    public boolean releaseNameStartsWith(String prefix) {
        return hasReleaseName() && prefix != null && releaseName.strip().startsWith(prefix);
    }

    /** True when the release name mentions {@code word} anywhere after its first word. */
    public boolean releaseNameMentionsBeyondPrefix(String word) {
        if (!hasReleaseName() || word == null) {
            return false;
        }
        String rest = releaseName.strip().startsWith(word) ? releaseName.strip().substring(word.length()) : releaseName;
        return rest.toLowerCase(java.util.Locale.ROOT).contains(word.toLowerCase(java.util.Locale.ROOT));
    }
}
