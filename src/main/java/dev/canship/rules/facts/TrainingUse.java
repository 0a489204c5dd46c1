package dev.canship.rules.facts;

import java.util.List;

/**
 * A use that means the outputs train or distil another model ({@code training_uses} of licenses/duties.yaml):
 * declared under product.uses ({@code declared}), or suggested by {@code words} of the use description.
 */
public record TrainingUse(String use, boolean declared, List<String> words) {

    public String quoted() {
        return String.join(", ", words.stream().map(w -> "\"" + w + "\"").toList());
    }
}
