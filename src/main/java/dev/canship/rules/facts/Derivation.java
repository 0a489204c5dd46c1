package dev.canship.rules.facts;

/** How a new model comes from the licensed one: made with the materials, or trained on their outputs. */
public enum Derivation { MATERIALS, OUTPUTS }
