package dev.canship.rules.facts;

import java.util.List;

/**
 * Where the governing license wants its attribution phrase shown ({@code terms.attribution.where} of the catalog),
 * when that is narrower than anywhere the product is offered: Qwen research names the product documentation.
 */
public record AttributionWhere(String license, List<String> where, String clause) {

    /** True when at least one of the declared places is one the license names. */
    public boolean coveredBy(List<String> declared) {
        return declared.stream().anyMatch(where::contains);
    }
}
