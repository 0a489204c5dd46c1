package dev.canship;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for a mistyped command, use id or field: the known word closest to what was typed, when it is
 * close enough to be the word meant (a typo or two, or the same word with '-' for '_'), and nothing otherwise, so
 * a message never suggests something unrelated.
 */
public final class Suggest {

    private Suggest() {
    }

    /** The known word nearest to {@code given}, ties broken alphabetically; empty when none is near. */
    public static Optional<String> closest(String given, Collection<String> known) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        String typed = normal(given);
        // Two edits for a short word, about one in four letters for longer ones.
        int limit = Math.max(2, typed.length() / 4);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        // The bounded distance is -1 beyond the limit.
        record Near(String word, int distance) {
        }
        return known.stream()
                .map(k -> new Near(k, distance.apply(typed, normal(k))))
                .filter(n -> n.distance() >= 0)
                .min(Comparator.comparingInt(Near::distance).thenComparing(Near::word))
                .map(Near::word);
    }

    /** {@code "; did you mean 'x'?"} for {@link #closest}, or the empty string. */
    public static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }
}
