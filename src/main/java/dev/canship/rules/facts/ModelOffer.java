package dev.canship.rules.facts;

import dev.canship.deployment.Change;
import dev.canship.deployment.Distribution;

import java.util.List;

/**
 * How the organization changes and offers the model.
 *
 * @param releaseName        the name it is offered under, or null
 * @param change             how the model is changed ({@link Change#NONE} when it is not)
 * @param distribution       how it reaches others
 * @param outputsTrainModels outputs create, train or improve another AI model
 * @param modalities         inputs the deployment uses
 */
public record ModelOffer(String releaseName, Change change, Distribution distribution, boolean outputsTrainModels, List<String> modalities) {

    public boolean hasReleaseName() {
        return releaseName != null && !releaseName.isBlank();
    }

    /**
     * The model's name without a hub namespace: {@code acme/Llama-3.1-foo} is offered as {@code Llama-3.1-foo}. The
     * namespace names the publisher's account, not the model, so it is no part of the name the prefix rule checks.
     */
    public String modelName() {
        if (!hasReleaseName()) {
            return null;
        }
        String n = releaseName.strip();
        int slash = n.lastIndexOf('/');
        return slash >= 0 && slash < n.length() - 1 ? n.substring(slash + 1).strip() : n;
    }

    /** True when the model name starts with {@code prefix}, as the licenses require (case and spacing as written). */
    public boolean releaseNameStartsWith(String prefix) {
        return hasReleaseName() && prefix != null && modelName().startsWith(prefix);
    }

    /** True when the model name starts with {@code prefix} in another case ("llama-", "LLAMA"): a variant, not a miss. */
    public boolean releaseNameStartsWithIgnoringCase(String prefix) {
        return hasReleaseName() && prefix != null && modelName().regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** True when the release name mentions {@code word} anywhere after its leading prefix. */
    public boolean releaseNameMentionsBeyondPrefix(String word) {
        if (!hasReleaseName() || word == null) {
            return false;
        }
        String name = modelName();
        String rest = name.regionMatches(true, 0, word, 0, word.length()) ? name.substring(word.length()) : name;
        return rest.toLowerCase(java.util.Locale.ROOT).contains(word.toLowerCase(java.util.Locale.ROOT));
    }
}
