package dev.canship.rules.facts;

/**
 * What says that the deployment's outputs train another model ({@code OutputsTrain} in {@code rules/derive.drl}):
 * the deployment's flag, or a declared use that means it. A closed set, so a rule compares with a constant; the
 * field is what a finding's evidence points at.
 */
public enum OutputsTrainSource {
    /** {@code model.outputs_train_models: true}. */
    FLAG("model.outputs_train_models"),
    /** A use in {@code product.uses} that trains on outputs (distillation, synthetic training data). */
    DECLARED_USE("product.uses");

    private final String field;

    OutputsTrainSource(String field) {
        this.field = field;
    }

    /** The deployment field that says it, as evidence references write it. */
    public String field() {
        return field;
    }
}
