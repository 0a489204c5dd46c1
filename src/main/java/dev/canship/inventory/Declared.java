package dev.canship.inventory;

/**
 * What a packaging format's own metadata says about the model, outside any file of the repository: a ModelPack
 * config's {@code descriptor.licenses}, a Kitfile's model license, the license type an MLflow placeholder names, the
 * model MLflow loaded the weights from. Identification reads it like the card's tags (evidence that names, never a
 * license text).
 *
 * @param kind  what is declared
 * @param value as written (untrusted; one line)
 * @param where where it was read, for the report ({@code Kitfile (model.license)})
 */
public record Declared(Kind kind, String value, String where) {

    public enum Kind {
        /** A license name or SPDX id, like a card's {@code license} tag. */
        LICENSE,
        /** What the weights themselves are (the model they were saved from): lineage evidence, not a derivative claim. */
        SOURCE_MODEL,
        /** A base model declared like a card's {@code base_model} (MLflow card data, a PEFT adapter's base): the model is made from it. */
        BASE_MODEL
    }

    public Declared {
        value = OneLine.of(value);
        where = OneLine.of(where);
    }
}
