package dev.canship.rules.facts;

/**
 * What the inventory found in the scanned folder, as far as telling a model repository from anything else goes.
 * The rules ({@code rules/input.drl}) decide what a folder with none of these is.
 *
 * @param files       files listed
 * @param modelCard   a model card with front matter (a README without it is any project's README)
 * @param config      a model or adapter configuration ({@code config.json}, {@code adapter_config.json})
 * @param weights     weight files or a weights index
 * @param licenseFile a license or use-policy file
 */
public record Contents(int files, boolean modelCard, boolean config, boolean weights, boolean licenseFile) {
}
