package dev.canship.rules.facts;

/** The license ends when the model's safety guardrails are bypassed, disabled or removed (NVIDIA Open Model License). */
public record GuardrailTerm(String license, String clause) {
}
