package dev.canship.identify;

import java.util.List;

/**
 * A license value as a card's {@code license} tag, a Kitfile or a ModelPack config declares it, read as an SPDX
 * expression (a list meaning all of its items), and what each license it names is to this repository. Reports show
 * it so a reviewer sees the declaration as written beside the one license whose terms canship checks in full.
 *
 * @param where      the file and field it was read from ({@code README.md (license)})
 * @param line       the 1-based line, 0 when unknown
 * @param written    as written (a list in brackets)
 * @param expression the same as an SPDX expression: known licenses by their SPDX id, others as {@code LicenseRef-}
 * @param components every license it names, in written order
 */
public record DeclaredLicense(String where, int line, String written, String expression, List<Component> components) {

    public DeclaredLicense {
        components = List.copyOf(components);
    }

    /** What a named license is to the repository. */
    public enum Role {
        /** The governing license: its terms are checked in full. */
        GOVERNING,
        /** Named beside the governing license with AND (or in a list): it binds as well. */
        ALSO_BINDING,
        /**
         * Named alone, yet not the license that governs (or nothing governs): the declaration disagrees with the
         * evidence, which is reported as a conflict, not as a second license that binds.
         */
        CONFLICTING,
        /** One side of an OR whose choice canship cannot see: the user must record it. */
        OPTION,
        /** The side of an OR that the repository's license text proves was taken. */
        CHOSEN,
        /** A side of an OR the license text shows was not taken. */
        NOT_CHOSEN
    }

    /**
     * One license the declaration names.
     *
     * @param written   as written, with its {@code +} and WITH exception
     * @param license   the knowledge base's id, or the lower-cased name when canship does not know it
     * @param spdx      its SPDX id ({@code LicenseRef-...} for a license SPDX does not list)
     * @param known     canship knows the license
     * @param orLater   written with a trailing {@code +}
     * @param exception the exception after WITH, or null
     * @param role      what it is to the repository
     */
    public record Component(String written, String license, String spdx, boolean known, boolean orLater, String exception, Role role) {

        /** Its SPDX form, with its {@code +} and WITH exception. */
        public String spdxForm() {
            return new LicenseExpression.Term(spdx, orLater, exception).toString();
        }
    }

    /** The licenses that bind: all named, less the options a license text in the repository shows were not taken. */
    public List<Component> binding() {
        return components.stream().filter(c -> c.role() != Role.NOT_CHOSEN).toList();
    }

    /**
     * The declaration as an SPDX expression of what binds: as declared, or, once a license text settles a choice,
     * the licenses taken joined with AND ({@code (MIT OR Apache-2.0) AND CC-BY-4.0} with an MIT text is
     * {@code MIT AND CC-BY-4.0}), so a further license is never dropped with the options not taken.
     */
    public String boundExpression() {
        if (components.stream().noneMatch(c -> c.role() == Role.NOT_CHOSEN)) {
            return expression;
        }
        return binding().stream().map(Component::spdxForm).distinct().collect(java.util.stream.Collectors.joining(" AND "));
    }

    /** More than one license binds, or one with an exception or an "or later": only an SPDX expression can say it. */
    public boolean compoundOnceSettled() {
        List<Component> b = binding();
        return b.stream().map(Component::spdxForm).distinct().count() > 1 || b.stream().anyMatch(c -> c.exception() != null || c.orLater());
    }

    /** More than one license, an exception or an "or later": only an SPDX expression can say it. */
    public boolean compound() {
        return components.size() > 1 || components.stream().anyMatch(c -> c.exception() != null || c.orLater());
    }
}
