package dev.canship.rules.facts;

/** Facts about the model itself. {@code multimodal}: its configuration has a vision (or audio) tower. */
public record Model(String name, String architecture, boolean multimodal, long totalParams, long activeParams) {
}
