package dev.canship.rules.facts;

import java.util.List;

/** A use suggested by words of the free-text {@code use_description}; {@code words} are the words that matched. */
public record ScreenedUse(String use, List<String> words) {

    public String quoted() {
        return String.join(", ", words.stream().map(w -> "\"" + w + "\"").toList());
    }
}
