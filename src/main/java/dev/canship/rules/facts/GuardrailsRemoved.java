package dev.canship.rules.facts;

/** The deployment declares it bypasses, disables or removes the model's safety guardrails (model.removes_guardrails). */
public record GuardrailsRemoved() {
}
