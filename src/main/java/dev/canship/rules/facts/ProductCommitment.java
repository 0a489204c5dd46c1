package dev.canship.rules.facts;

/**
 * Something the product declares it does that a use-policy section can rest on, such as telling users that content is
 * machine-generated. A policy section names the commitment that settles its review ({@code settled_by} in
 * {@code licenses/policies}); without the declaration the section stays under review.
 *
 * @param name the commitment, as policy data names it
 */
public record ProductCommitment(String name) {

    /** product.discloses_machine_generated: users are told, wherever generated content appears, that it is machine-generated. */
    public static final String DISCLOSES_MACHINE_GENERATED = "discloses_machine_generated";
}
