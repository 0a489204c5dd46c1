package dev.canship.rules.facts;

import java.time.LocalDate;

/**
 * The license concluded to govern the repository.
 *
 * @param license  the license id (e.g. llama4)
 * @param family   the license family (llama, gemma, ...)
 * @param title    its title
 * @param released its release or effective date, or null
 * @param fromText true when the license's own text is in the repository
 * <p>{@code license} and {@code family} stay strings: they are ids from the knowledge base's data, an open set an
 * organization extends with {@code --catalog} without rebuilding, so no enum could list them.
 */
public record Governing(String license, String family, String title, LocalDate released, boolean fromText) {
}
