package dev.canship.identify;

import dev.canship.identify.DeclaredLicense.Role;
import dev.canship.identify.LicenseExpression.AnyOf;
import dev.canship.identify.LicenseExpression.All;
import dev.canship.identify.LicenseExpression.Term;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Declared license values read as SPDX expressions: which license of a declaration stands for it as evidence, and,
 * once the governing license is concluded, what every license it names is to the repository and which evidence
 * issues that raises (another license that binds too, a choice canship cannot see, a license it does not know).
 * The rules decide what the issues mean; this only says what was declared.
 */
final class DeclaredLicenses {

    /** One declaration, read but not yet judged. */
    record Source(String where, int line, String written, LicenseExpression expression) {
    }

    /** The judged declarations, the further known licenses that bind, and the issues they raise. */
    record Judged(List<DeclaredLicense> declared, List<String> alsoBinding, List<IdentificationIssue> issues) {
    }

    private final KnowledgeBase kb;

    DeclaredLicenses(KnowledgeBase kb) {
        this.kb = kb;
    }

    /**
     * Values that say "no license claim here" ({@code other} points to {@code license_name}); they mean that only as
     * the whole declaration. Inside an AND, an OR or a list they stand for a license canship cannot see.
     */
    private static final Set<String> PLACEHOLDERS = Set.of("unknown", "other", "none", "noassertion");

    /**
     * A declaration of one value or a list of them (all of which apply); {@code other} alone and blank values name
     * no license (they point to other keys). Null when nothing is left.
     */
    Source source(String where, int line, List<String> values) {
        List<String> named = values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (named.isEmpty() || named.size() == 1 && named.get(0).equalsIgnoreCase("other")) {
            return null;
        }
        String written = named.size() == 1 ? named.get(0) : "[" + String.join(", ", named) + "]";
        if (written.length() > LicenseExpression.MAX_CHARS) {
            written = written.substring(0, LicenseExpression.MAX_CHARS) + "…";
        }
        if (named.size() > LicenseExpression.MAX_TERMS) {
            // A list beyond the bound is not read item by item: it stays one name canship does not know (a review).
            return new Source(where, line, written, new Term(written, false, null));
        }
        LicenseExpression all = LicenseExpression.allOf(named.stream().map(this::read).toList());
        return new Source(where, line, written, all.terms().size() > LicenseExpression.MAX_TERMS ? new Term(written, false, null) : all);
    }

    /**
     * A value canship knows whole (a name with blanks, {@code openrail++}) is one license; otherwise an SPDX
     * expression; a malformed or oversized one stays one name, unknown unless the knowledge base has it.
     */
    private LicenseExpression read(String value) {
        if (kb.byCardName(value).isPresent()) {
            return new Term(value, false, null);
        }
        return LicenseExpression.parse(value).orElseGet(() -> new Term(value, false, null));
    }

    /**
     * The evidence standing for a declaration: the license that a license text in the repository proves, else the
     * license a declared base model implies (lineage governs), else the first license canship knows, else the first
     * named. It is the one compared with other sources for a conflict.
     */
    LicenseMatch representative(Source s, Set<String> provenByText, Set<String> byLineage) {
        List<Term> terms = s.expression().terms();
        Term pick = terms.stream().filter(t -> provenByText.contains(id(t))).findFirst()
                .or(() -> terms.stream().filter(t -> byLineage.contains(id(t))).findFirst())
                .or(() -> terms.stream().filter(t -> info(t).isPresent()).findFirst())
                .orElse(terms.get(0));
        return new LicenseMatch(id(pick), info(pick).map(LicenseInfo::version).orElse(null), "license", "metadata",
                s.where(), s.line(), 1.0, false, List.of());
    }

    /**
     * What each declared license is, given the governing license (null when none) and the claim identification
     * reported on its own (an unknown claim is not reported twice); only a license a model license text proves
     * ({@code provenByText}, never a code license or a notice) settles a choice.
     */
    Judged judge(List<Source> sources, LicenseMatch governing, LicenseMatch claimed, Set<String> provenByText) {
        String g = governing == null ? null : governing.id();
        boolean proven = g != null && provenByText.contains(g);
        String claimedId = claimed == null ? null : claimed.id();
        List<DeclaredLicense> declared = new ArrayList<>();
        Set<String> also = new LinkedHashSet<>();
        Set<String> reportedUnknown = new LinkedHashSet<>();
        Set<String> reportedPolicies = new LinkedHashSet<>();
        List<IdentificationIssue> issues = new ArrayList<>();
        for (Source s : sources) {
            List<IdentificationIssue.FileLine> at = List.of(new IdentificationIssue.FileLine(LicenseIdentifier.fileOnly(s.where()), s.line()));
            String declares = s.where() + " declares \"" + s.written() + "\"";
            List<LicenseExpression> conjuncts = s.expression() instanceof All a ? a.operands() : List.of(s.expression());
            List<DeclaredLicense.Component> components = new ArrayList<>();
            for (LicenseExpression c : conjuncts) {
                if (c instanceof Term t) {
                    String id = id(t);
                    // Named alone but not governing, the declaration disagrees with the evidence: that is a conflict, reported as one.
                    Role role = id.equals(g) ? Role.GOVERNING : conjuncts.size() == 1 ? Role.CONFLICTING : Role.ALSO_BINDING;
                    components.add(component(t, role));
                    Optional<UsePolicy> policy = policy(t);
                    if (policy.isPresent() && conjuncts.size() > 1 && reportedPolicies.add(id)) {
                        // A use policy named beside its license is not a second license, but it binds: its sections go to the rules.
                        also.add(id);
                        issues.add(new IdentificationIssue(IdentificationIssue.Kind.ALSO_BINDING, List.of(id),
                                declares + ": " + policy.get().title() + " (" + spdx(t.id()) + "), the use policy of "
                                        + String.join(", ", policy.get().appliesTo()) + ", binds as well", at));
                    } else if (info(t).isPresent() && role == Role.ALSO_BINDING && also.add(id)) {
                        issues.add(new IdentificationIssue(IdentificationIssue.Kind.ALSO_BINDING, List.of(id),
                                declares + ": " + title(id) + " (" + spdx(t.id()) + ") binds as well as the governing "
                                        + (g == null ? "license" : title(g)), at));
                    }
                } else {
                    List<LicenseExpression> options = ((AnyOf) c).operands();
                    Term chosen = !proven ? null : options.stream().filter(o -> o instanceof Term t && id(t).equals(g))
                            .map(Term.class::cast).findFirst().orElse(null);
                    for (LicenseExpression o : options) {
                        for (Term t : o.terms()) {
                            components.add(component(t, chosen == null ? Role.OPTION : t == chosen ? Role.CHOSEN : Role.NOT_CHOSEN));
                        }
                    }
                    String choice = options.stream().map(this::describe).collect(Collectors.joining(" or "));
                    List<String> ids = governingFirst(c.terms().stream().map(this::id).distinct().toList(), g);
                    if (chosen != null) {
                        issues.add(new IdentificationIssue(IdentificationIssue.Kind.CHOSEN, ids,
                                declares + ", a choice of " + choice + "; the license text in the repository is " + title(g)
                                        + ", so that is the choice taken", at));
                    } else {
                        // No text settles the choice: every option canship knows binds until the user ships the chosen
                        // text, so the strictest option decides (a false "can ship" is worse than a needless review).
                        c.terms().stream().filter(t -> info(t).isPresent() || policy(t).isPresent()).map(this::id).forEach(also::add);
                        issues.add(new IdentificationIssue(IdentificationIssue.Kind.CHOICE, ids,
                                declares + ", a choice of " + choice + ", and no license text in the repository shows which is taken"
                                        + "; canship checked the terms of every option it knows, so the strictest decides", at));
                    }
                }
            }
            boolean compound = components.size() > 1;
            for (DeclaredLicense.Component k : components) {
                boolean placeholder = PLACEHOLDERS.contains(k.license());
                if (placeholder && compound && reportedUnknown.add(k.license())) {
                    issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(k.license()),
                            declares + ": \"" + k.written() + "\" beside other licenses stands for a license canship cannot see,"
                                    + " not for \"no claim\"; its terms cannot be checked"
                                    + ("other".equals(k.license()) ? " (a card names it with license_name or license_link)" : ""), at));
                } else if (!k.known() && !placeholder && !k.license().equals(claimedId) && reportedUnknown.add(k.license())) {
                    issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(k.license()),
                            declares + ", and canship does not know " + k.written() + "; its terms cannot be checked", at));
                }
                if (k.exception() != null && !kb.knowsException(k.exception())
                        && reportedUnknown.add(k.license() + " WITH " + k.exception().toLowerCase(Locale.ROOT))) {
                    issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(k.license()),
                            declares + ", and " + k.exception() + " after WITH is not a license exception canship knows;"
                                    + " an exception may add restrictions to " + title(k.license()) + ", so its terms cannot be checked", at));
                }
            }
            declared.add(new DeclaredLicense(s.where(), s.line(), s.written(), s.expression().written(this::spdx), components));
        }
        also.remove(g);
        return new Judged(declared, List.copyOf(also), issues);
    }

    /** The ids of a choice with the governing one first, the others in written order. */
    private static List<String> governingFirst(List<String> ids, String g) {
        if (g == null || !ids.contains(g)) {
            return ids;
        }
        List<String> out = new ArrayList<>(List.of(g));
        ids.stream().filter(i -> !i.equals(g)).forEach(out::add);
        return out;
    }

    private DeclaredLicense.Component component(Term t, Role role) {
        return new DeclaredLicense.Component(t.toString(), id(t), spdx(t.id()), info(t).isPresent() || policy(t).isPresent(), t.orLater(), t.exception(), role);
    }

    private String describe(LicenseExpression option) {
        return option instanceof Term t ? title(id(t)) + " (" + spdx(t.id()) + ")" : "(" + option.written(this::spdx) + ")";
    }

    private Optional<LicenseInfo> info(Term t) {
        return kb.byCardName(t.id());
    }

    /** A use policy of the knowledge base named by its id ({@code llama3.1-aup}) where a license was expected. */
    private Optional<UsePolicy> policy(Term t) {
        return info(t).isPresent() ? Optional.empty() : kb.policy(t.id().strip().toLowerCase(Locale.ROOT));
    }

    /** The knowledge base's id, or the name in lower case as identification has always keyed an unknown license. */
    String id(Term t) {
        return info(t).map(LicenseInfo::id).orElse(t.id().strip().toLowerCase(Locale.ROOT));
    }

    /** The SPDX id of a license as written; one SPDX does not list becomes a LicenseRef, so the expression stays valid SPDX. */
    private String spdx(String written) {
        String known = kb.byCardName(written).map(LicenseInfo::spdx).orElse(null);
        if (known != null) {
            return known;
        }
        String id = written.strip();
        return id.startsWith("LicenseRef-") || id.startsWith("DocumentRef-") ? id
                : "LicenseRef-" + id.replaceAll("[^A-Za-z0-9.-]+", "-");
    }

    private String title(String id) {
        return kb.license(id).map(LicenseInfo::title).orElse(id);
    }
}
