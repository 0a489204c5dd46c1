package dev.canship.identify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Guesses which license a base model's repository name implies ({@code meta-llama/Llama-3.1-8B} implies
 * llama3.1), so that a derivative claiming another license can be flagged. Order matters: the most
 * specific pattern comes first.
 */
final class Lineage {

    private static final Map<Pattern, String> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put(Pattern.compile("llama[-_ ]?4"), "llama4");
        PATTERNS.put(Pattern.compile("llama[-_ ]?3[._-]?3"), "llama3.3");
        PATTERNS.put(Pattern.compile("llama[-_ ]?3[._-]?2"), "llama3.2");
        PATTERNS.put(Pattern.compile("llama[-_ ]?3[._-]?1"), "llama3.1");
        PATTERNS.put(Pattern.compile("llama[-_ ]?3"), "llama3");
        PATTERNS.put(Pattern.compile("llama[-_ ]?2"), "llama2");
        PATTERNS.put(Pattern.compile("gemma"), "gemma");
    }

    private Lineage() {
    }

    /** The license id a base model name implies, when the name is unambiguous about its family. */
    static Optional<String> licenseOf(String baseModel) {
        if (baseModel == null) {
            return Optional.empty();
        }
        String n = baseModel.toLowerCase(Locale.ROOT);
        for (Map.Entry<Pattern, String> e : PATTERNS.entrySet()) {
            if (e.getKey().matcher(n).find()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
