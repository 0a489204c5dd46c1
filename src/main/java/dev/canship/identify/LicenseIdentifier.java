package dev.canship.identify;

import dev.canship.extract.Extraction;
import dev.canship.extract.ModelCard;
import dev.canship.extract.TextDocument;
import dev.canship.inventory.FileRole;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Concludes which license governs a repository from every source it offers: license-like files matched by
 * content, the card's text fields, and the card's tags. Disagreement between sources is reported, never
 * resolved silently.
 */
public final class LicenseIdentifier {

    private static final String CARD_META = "metadata";
    /** A license file shorter than this may merely name its license rather than hold its text. */
    private static final int MAX_REFERENCE_CHARS = 1500;
    private final KnowledgeBase kb;
    private final TextMatcher matcher;
    private final TermReader termReader;
    private final Lineage lineage;
    private final DeclaredLicenses declarations;

    public LicenseIdentifier(KnowledgeBase kb, TextMatcher matcher, TermReader termReader) {
        this.kb = kb;
        this.matcher = matcher;
        this.termReader = termReader;
        this.lineage = new Lineage(kb.lineage());
        this.declarations = new DeclaredLicenses(kb);
    }

    public Identification identify(Extraction ex) {
        List<LicenseMatch> matches = new ArrayList<>();
        List<IdentificationIssue> issues = new ArrayList<>();
        ModelCard card = ex.card();
        if (card != null) {
            ambiguousKeys(card, issues);
            oddLicenseValues(card, issues);
        }
        for (var w : ex.weights()) {
            weightsMatches(w.file(), w.metadata(), matches);
        }
        List<TextDocument> unknown = new ArrayList<>();
        // Card wording that narrows the use; judged once the governing license is known (below).
        List<IdentificationIssue> narrowing = new ArrayList<>();
        for (TextDocument doc : ex.documents()) {
            boolean gate = doc.where().endsWith("(extra_gated_prompt)");
            // A license file is judged whole (extra terms beside a known text are an alteration); card fields and
            // other documents may surround a license with unrelated prose.
            boolean wholeFile = doc.field() == null && !doc.truncated() && (doc.role() == FileRole.LICENSE || doc.role() == FileRole.USE_POLICY);
            List<TextMatcher.TextHit> hits = doc.text().isBlank() ? List.of() : wholeFile ? matcher.matchFile(doc.text()) : matcher.match(doc.text(), gate);
            for (TextMatcher.TextHit h : hits) {
                List<LicenseMatch.Alteration> alterations = new ArrayList<>(h.alterations());
                if ("license".equals(h.document()) && termReader != null) {
                    // The copy is evidence of which license; its own threshold, prefix or phrase never becomes a duty.
                    // A term the fingerprint already reported changed (a threshold anchor) is not reported twice.
                    kb.license(h.id()).ifPresent(l -> termReader.differences(l.terms(), doc.text()).stream()
                            .filter(d -> h.alterations().stream().noneMatch(a -> a.substantive() && java.util.Objects.equals(a.clause(), d.clause())))
                            .forEach(alterations::add));
                }
                matches.add(new LicenseMatch(h.id(), h.version(), h.document(), "text", doc.where(), doc.firstLine(),
                        h.confidence(), !alterations.isEmpty(), alterations));
            }
            if (hits.isEmpty() && doc.field() != null) {
                CardTerms.narrowing(doc).ifPresent(narrowing::add);
            }
            if (hits.isEmpty() && (doc.role() == FileRole.LICENSE || doc.role() == FileRole.USE_POLICY) && !doc.text().isBlank()) {
                Optional<LicenseMatch> ref = reference(doc);
                Optional<KnowledgeBase.Statement> st = ref.isPresent() ? Optional.empty() : kb.statement(doc.text());
                if (ref.isPresent()) {
                    matches.add(ref.get());
                } else if (st.isPresent()) {
                    // A known statement binds nothing beyond the law, so it is no license either: it is named, and
                    // leaves the question of the license open (with nothing else, LICENSE-MISSING).
                    issues.add(new IdentificationIssue(IdentificationIssue.Kind.STATEMENT, List.of(),
                            doc.where() + " is " + st.get().publisher() + "'s " + st.get().title() + ", word for word: "
                                    + st.get().summary().replaceAll("[.\\s]+$", "") + " (source: " + st.get().source() + ")",
                            List.of(new IdentificationIssue.FileLine(doc.file(), doc.firstLine()))));
                } else {
                    unknown.add(doc);
                }
            }
        }
        // Declared values are read after the texts: of a compound declaration, the license a text proves stands for it.
        Set<String> proven = provenByText(matches);
        List<Lineage.Base> bases = lineage.bases(ex);
        Set<String> byLineage = bases.stream().flatMap(b -> b.license().stream()).collect(Collectors.toSet());
        List<DeclaredLicenses.Source> sources = new ArrayList<>();
        if (card != null) {
            cardMatches(card, matches, sources, proven, byLineage, issues);
        }
        if (ex.inventory() != null) {
            declaredMatches(ex.inventory().origin().declared(), matches, sources, proven, byLineage);
        }
        matches.sort(Comparator.comparing(LicenseMatch::file).thenComparing(LicenseMatch::document).thenComparing(LicenseMatch::id));

        // config.json's _name_or_path is where the weights were loaded from before saving: an original release names
        // itself there. It is lineage evidence for the license, but does not by itself make the repository a derivative.
        List<String> baseModels = bases.stream().filter(b -> !b.selfEvidence())
                .map(Lineage.Base::name).distinct().sorted().toList();
        LicenseMatch claimed = Optional.ofNullable(conclude(matches)).orElseGet(() -> unknownLink(card, matches));
        // Prose only counts where nothing structured names a base, and only when it points away from the claimed license
        // (an official card saying "based on Gemma" under the Gemma terms is no news).
        Lineage.ProseMention prose = bases.stream().anyMatch(b -> b.rule() != null) ? null : lineage.prose(card)
                .filter(p -> p.rule().license() != null && (claimed == null || !p.rule().license().equals(claimed.id()))).orElse(null);

        for (TextDocument d : unknown) {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(),
                    d.where() + " looks like a " + (d.role() == FileRole.USE_POLICY ? "use policy" : "license")
                            + " but matches none canship knows; it begins: \"" + firstLines(d.text()) + "\"",
                    List.of(new IdentificationIssue.FileLine(d.file(), d.firstLine()))));
        }
        if (claimed != null && kb.license(claimed.id()).isEmpty() && !isUnknownTag(claimed)) {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(claimed.id()),
                    claimed.file() + " names the license \"" + claimed.id() + "\", which canship does not know"
                            + (card != null && card.text("license_link") != null && CARD_META.equals(claimed.source()) ? " (license_link: " + card.text("license_link").strip() + ")" : "")
                            + (baseModels.isEmpty() ? "" : " (base model: " + String.join(", ", baseModels) + ")") + "; its terms cannot be checked",
                    List.of(new IdentificationIssue.FileLine(fileOnly(claimed.file()), claimed.line()))));
        }
        for (var u : ex.unread()) {
            // What an unread license says is unknown: no tag or other file may stand in for it, whatever they say.
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNREAD, List.of(),
                    (u.partial() ? "only part of " + u.where() + " was read" : u.where() + " was not read") + " (" + u.reason() + "); the "
                            + (u.role() == FileRole.USE_POLICY ? "use policy" : "license") + " it holds is unknown, so no other evidence can stand in for it",
                    List.of(new IdentificationIssue.FileLine(u.file(), 1))));
        }
        LineageVerdict lv = lineage(claimed, bases, card, issues);
        LicenseMatch concluded = lv.governing();
        DeclaredLicenses.Judged judged = declarations.judge(sources, concluded, claimed, proven);
        issues.addAll(judged.issues());
        Set<String> alsoBinding = new LinkedHashSet<>(lv.alsoBinding());
        alsoBinding.addAll(judged.alsoBinding());
        if (concluded != null) {
            alsoBinding.remove(concluded.id());
        }
        // An unread license is reported as such (above), not as "no license was found".
        if (concluded == null && unknown.isEmpty() && ex.unread().isEmpty()) {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.MISSING, List.of(),
                    "no license file, no license text in the card, and no license tag canship knows",
                    List.of(new IdentificationIssue.FileLine(card == null ? "." : card.file(), card == null ? 0 : card.lineOf("license")))));
        }
        if (prose != null) {
            String implied = prose.rule().license();
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.LINEAGE_UNDECLARED, implied == null ? List.of() : List.of(implied),
                    "the card's text says \"" + prose.phrase() + "\", which points to a base model under "
                            + (implied == null ? "a license canship cannot tell from the name" : title(implied) + " (" + implied + ")")
                            + ", but no base_model, config or weights metadata declares a base; the governing license was not switched on prose alone",
                    List.of(new IdentificationIssue.FileLine(prose.file(), prose.line()))));
        }
        LicenseMatch usePolicy = matches.stream()
                .filter(m -> "use-policy".equals(m.document()) && !CARD_META.equals(m.source()))
                .filter(m -> concluded == null || m.id().equals(concluded.id()))
                .max(Comparator.comparingDouble(LicenseMatch::confidence)).orElse(null);

        conflicts(matches, sources, issues);
        for (LicenseMatch m : matches) {
            if (m.altered()) {
                issues.add(new IdentificationIssue(m.substantivelyAltered() ? IdentificationIssue.Kind.ALTERED : IdentificationIssue.Kind.ALTERED_MINOR, List.of(m.id()),
                        m.file() + " holds the " + title(m.id()) + " " + m.document() + " with " + m.alterations().size()
                                + " changed passage(s): " + m.alterations().stream().map(LicenseIdentifier::describe).collect(Collectors.joining("; ")),
                        List.of(new IdentificationIssue.FileLine(fileOnly(m.file()), m.line()))));
            }
        }
        // The publisher's terms, always: a repository's copy is evidence of which license, never of its duties.
        LicenseTerms terms = concluded == null ? LicenseTerms.NONE
                : kb.license(concluded.id()).map(LicenseInfo::terms).orElse(LicenseTerms.NONE);
        // Card wording that narrows the use says nothing new under a license that does not allow commercial use itself
        // (FLUX.1 [dev]'s gate naming its Non-Commercial License, a research license's card); beside any other
        // license it is terms canship cannot read.
        if (card != null) {
            CardTerms.licenseSection(card).flatMap(CardTerms::narrowing).ifPresent(narrowing::add);
        }
        boolean restrictedAlready = terms.nonCommercial() != null || concluded != null && kb.license(concluded.id())
                .map(l -> !"allowed".equals(l.commercialUse())).orElse(false);
        if (!restrictedAlready && !narrowing.isEmpty()) {
            issues.add(narrowing.get(0));
        }
        // The policy a license incorporates binds whether or not the repository carries it: named so reports can say so.
        String incorporated = concluded == null ? null
                : kb.license(concluded.id()).map(LicenseInfo::usePolicy).filter(id -> kb.policy(id).isPresent()).orElse(null);
        return new Identification(matches, concluded, usePolicy, terms, baseModels, issues, List.copyOf(alsoBinding), incorporated, judged.declared());
    }

    /** The governing license after lineage, and the other base licenses whose terms bind as well (merges, conflicting sources). */
    private record LineageVerdict(LicenseMatch governing, List<String> alsoBinding) {
    }

    /**
     * Lineage governs: a model made from a base stays under the base's license whatever the card or LICENSE file
     * says. Every base's known license binds (a merge owes the duties of each); the first base the card declares
     * (else the first other source) governs unless the repository's own claim is one of the base licenses.
     */
    private LineageVerdict lineage(LicenseMatch claimed, List<Lineage.Base> bases, ModelCard card, List<IdentificationIssue> issues) {
        Set<String> cardLicenses = new LinkedHashSet<>();
        Set<String> otherLicenses = new LinkedHashSet<>();
        List<Lineage.Base> unmapped = new ArrayList<>();
        for (Lineage.Base b : bases) {
            if (b.undetermined()) {
                issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(),
                        b.source() + " names the base model " + b.name() + ", whose license canship cannot tell from the name (" + b.rule().why()
                                + "); check the base's license by hand",
                        List.of(new IdentificationIssue.FileLine(b.file(), b.line()))));
                continue;
            }
            if (b.rule() == null && !b.selfEvidence()) {
                unmapped.add(b);
                continue;
            }
            Optional<String> l = b.license();
            if (l.isEmpty()) {
                continue;
            }
            if (kb.license(l.get()).isEmpty()) {
                issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(l.get()),
                        b.source() + " names the base model " + b.name() + ", which is under the license \"" + l.get()
                                + "\" that canship does not know; its terms bind this model but cannot be checked",
                        List.of(new IdentificationIssue.FileLine(b.file(), b.line()))));
                continue;
            }
            (b.fromCard() ? cardLicenses : otherLicenses).add(l.get());
        }
        if (!unmapped.isEmpty()) {
            // A derivative stays under its base's license; a base canship cannot map leaves that license unknown.
            // One issue for all of them: a card may name many.
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(),
                    unmapped.get(0).source() + " names the base model " + unmapped.stream().limit(3).map(Lineage.Base::name).collect(Collectors.joining(", "))
                            + (unmapped.size() > 3 ? " and " + (unmapped.size() - 3) + " more" : "")
                            + ", whose license canship does not know (no entry of licenses/lineage.yaml matches the name); a derivative stays "
                            + "under its base's license, so check that license by hand",
                    unmapped.stream().limit(3).map(b -> new IdentificationIssue.FileLine(b.file(), b.line())).toList()));
        }
        Set<String> binding = new LinkedHashSet<>(cardLicenses);
        binding.addAll(otherLicenses);
        if (binding.isEmpty()) {
            return new LineageVerdict(claimed, List.of());
        }
        // Sources that disagree (the card names a Llama 3.1 base, config.json a Llama 3 one): both bind, and it is reported.
        Set<String> disagreeing = new LinkedHashSet<>(otherLicenses);
        Set<String> agreed = cardLicenses.isEmpty() ? Set.of(otherLicenses.iterator().next()) : cardLicenses;
        disagreeing.removeAll(agreed);
        // A GGUF's general.base_model is copied from the card of the model it quantizes, so it names that model's
        // base: for a GGUF of Llama 3.3, Llama 3.1 70B. An earlier license of the same family there is history, not
        // disagreement; it still binds (below). A config.json naming another model (Reflection's Llama 3) still is one.
        Set<String> elsewhere = bases.stream().filter(b -> !b.copiedFromCard()).flatMap(b -> b.license().stream()).collect(Collectors.toSet());
        disagreeing.removeIf(l -> !elsewhere.contains(l) && agreed.stream().anyMatch(a -> laterOfSameFamily(a, l)));
        if (!disagreeing.isEmpty()) {
            List<IdentificationIssue.FileLine> files = bases.stream().filter(b -> b.license().isPresent())
                    .map(b -> new IdentificationIssue.FileLine(b.file(), b.line())).distinct().toList();
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.LINEAGE_CONFLICT, List.copyOf(binding),
                    "the repository's sources disagree about its base model: " + bases.stream().filter(b -> b.license().isPresent() && kb.license(b.license().get()).isPresent())
                            .map(b -> b.source() + " names " + b.name() + " (" + b.license().get() + ")").collect(Collectors.joining(", "))
                            + "; the terms of every one of them are checked", files));
        }
        boolean noClaim = claimed == null || isUnknownTag(claimed);
        boolean claimUnknown = !noClaim && kb.license(claimed.id()).isEmpty();
        if (claimUnknown) {
            // A license canship does not know stays governing (reviewed as unknown); the bases' terms bind beside it.
            return new LineageVerdict(claimed, List.copyOf(binding));
        }
        if (!noClaim && binding.contains(claimed.id())) {
            binding.remove(claimed.id());
            return new LineageVerdict(claimed, List.copyOf(binding));
        }
        if (!noClaim && binding.stream().allMatch(this::isPermissive)) {
            // An MIT fine-tune of an Apache base, or NVIDIA's own license over an MIT base: a permissive license lets a
            // derivative go under other terms, provided the base's notices travel with it; the base's license binds
            // beside the claim, so those duties are checked, and the claim's own terms govern.
            return keepsClaim(IdentificationIssue.Kind.LINEAGE_PERMISSIVE, claimed, bases, binding, issues,
                    "; the base's license is permissive, so a derivative may carry other terms as long as the base's notices are kept: "
                            + claimed.id() + " governs and " + String.join(", ", binding) + " is checked beside it");
        }
        if (!noClaim && binding.stream().allMatch(base -> laterOfSameFamily(claimed.id(), base))) {
            // Meta releasing Llama 3.3 from its Llama 3.1 base: a licensor may put its own model under its later license.
            // Anyone else's derivative stays bound by the base's terms too, so those are checked beside the claim.
            return keepsClaim(IdentificationIssue.Kind.LINEAGE_LATER, claimed, bases, binding, issues,
                    ", a later license of the same family from the same licensor (" + kb.license(claimed.id()).map(LicenseInfo::publisher).orElse("")
                            + "); " + claimed.id() + " governs and the terms of " + String.join(", ", binding) + " are checked beside it");
        }
        String governing = binding.iterator().next();
        binding.remove(governing);
        Lineage.Base from = bases.stream().filter(b -> b.license().filter(governing::equals).isPresent()).findFirst().orElseThrow();
        LicenseMatch byLineage = new LicenseMatch(governing, kb.license(governing).map(LicenseInfo::version).orElse(null), "license", "lineage",
                from.file() + " (" + from.source() + ")", from.line(), 1.0, false, List.of());
        if (noClaim) {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.LINEAGE_UNDECLARED, List.of(governing),
                    "the repository states no license of its own, but " + from.source() + " names the base model " + from.name() + ", which is under "
                            + title(governing) + " (" + governing + "); that license governs",
                    List.of(new IdentificationIssue.FileLine(from.file(), from.line()))));
        } else {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.LAUNDERING, List.of(governing, claimed.id()),
                    "the base model " + from.name() + " (" + from.source() + ") is under " + title(governing) + " (" + governing
                            + "), but " + claimed.file() + " claims " + claimed.id() + "; " + governing + " governs and " + claimed.id() + " is reported as the conflict",
                    List.of(new IdentificationIssue.FileLine(from.file(), from.line()),
                            new IdentificationIssue.FileLine(fileOnly(claimed.file()), claimed.line()))));
        }
        return new LineageVerdict(byLineage, List.copyOf(binding));
    }

    /**
     * The claimed license governs although its bases are under others (which bind beside it): the issue of {@code kind}
     * names the base, the claim and {@code why}, with the files of both.
     */
    private static LineageVerdict keepsClaim(IdentificationIssue.Kind kind, LicenseMatch claimed, List<Lineage.Base> bases, Set<String> binding,
                                             List<IdentificationIssue> issues, String why) {
        List<Lineage.Base> from = bases.stream().filter(b -> b.license().filter(binding::contains).isPresent()).toList();
        List<IdentificationIssue.FileLine> files = new ArrayList<>();
        from.forEach(b -> files.add(new IdentificationIssue.FileLine(b.file(), b.line())));
        files.add(new IdentificationIssue.FileLine(fileOnly(claimed.file()), claimed.line()));
        List<String> ids = new ArrayList<>(List.of(claimed.id()));
        ids.addAll(binding);
        issues.add(new IdentificationIssue(kind, ids, "the base model " + from.get(0).name() + " (" + from.get(0).source() + ") is under "
                + String.join(", ", binding) + " and " + claimed.file() + " claims " + claimed.id() + why, files));
        return new LineageVerdict(claimed, List.copyOf(binding));
    }

    /** A license of the catalog's permissive family (Apache 2.0, MIT, BSD 3-Clause, OpenMDW): no use restrictions. */
    private boolean isPermissive(String id) {
        return kb.license(id).map(l -> "permissive".equals(l.family())).orElse(false);
    }

    /**
     * Whether {@code later} is a later license than {@code earlier} of the same family and licensor (catalog
     * {@code family}, {@code publisher}, {@code released}); unknown dates or licensors never qualify.
     */
    private boolean laterOfSameFamily(String later, String earlier) {
        Optional<LicenseInfo> a = kb.license(later);
        Optional<LicenseInfo> b = kb.license(earlier);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        LicenseInfo l = a.get();
        LicenseInfo e = b.get();
        return l.family() != null && l.family().equals(e.family()) && l.publisher() != null && l.publisher().equals(e.publisher())
                && l.released() != null && e.released() != null && l.released().isAfter(e.released());
    }

    /** A card tag {@code license: unknown}: the uploader does not know; no claim, and no conflict with anything. */
    private static boolean isUnknownTag(LicenseMatch m) {
        return "unknown".equals(m.id()) && CARD_META.equals(m.source());
    }

    /** A license key the card's front matter names twice: YAML keeps the last, but the author may have meant either. */
    private static void ambiguousKeys(ModelCard card, List<IdentificationIssue> issues) {
        card.duplicateKeys().forEach((key, values) -> {
            if (!ModelCard.LICENSE_KEYS.contains(key)) {
                return;
            }
            List<String> ids = values.stream().map(v -> v.replaceAll("^[\"']|[\"']$", "").strip().toLowerCase(Locale.ROOT))
                    .filter(v -> !v.isEmpty() && v.length() <= 100).distinct().toList();
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.AMBIGUOUS, ids,
                    card.file() + " names '" + key + "' " + values.size() + " times in its front matter"
                            + (ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ")")
                            + "; YAML keeps the last, but which license the author meant is unclear",
                    List.of(new IdentificationIssue.FileLine(card.file(), card.lineOf(key)))));
        });
    }

    /**
     * A {@code license} value that is not a name or a list of names (a map, a nested list, a number, a boolean): what
     * it means is anyone's guess, so it is reported, never dropped and never read as the license it might contain.
     */
    private static void oddLicenseValues(ModelCard card, List<IdentificationIssue> issues) {
        List<String> odd = card.nonText("license");
        if (!odd.isEmpty()) {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(),
                    card.file() + " (license) holds " + odd.get(0) + (odd.size() > 1 ? " and " + (odd.size() - 1) + " more such value(s)" : "")
                            + " where a license name or a list of names belongs; which license it declares is unknown",
                    List.of(new IdentificationIssue.FileLine(card.file(), card.lineOf("license")))));
        }
    }

    /**
     * A weights file's own license keys, read as a card's: {@code general.license} like {@code license},
     * GGUF {@code general.license.name} like {@code license_name} and {@code general.license.link} like
     * {@code license_link}. An unknown name is evidence of an unknown license; an unknown link alone names
     * {@code other} (a license canship cannot check), never "no license".
     */
    private void weightsMatches(String file, java.util.Map<String, String> meta, List<LicenseMatch> matches) {
        String tag = meta.getOrDefault("general.license", meta.get("license"));
        Set<String> seen = new TreeSet<>();
        LicenseMatch otherTag = null;
        int before = matches.size();
        if (tag != null && !tag.isBlank()) {
            Optional<LicenseInfo> info = kb.byCardName(tag);
            String id = info.map(LicenseInfo::id).orElse(tag.trim().toLowerCase(Locale.ROOT));
            LicenseMatch m = new LicenseMatch(id, info.map(LicenseInfo::version).orElse(null), "license", "weights",
                    file + " (" + (meta.containsKey("general.license") ? "general.license" : "license") + ")", 0, 1.0, false, List.of());
            if (id.equals("other")) {
                // "other" says only that the name or link keys tell which license: it stands as a claim only when
                // they name none (else "other" and "gemma" would read as two licenses that disagree).
                otherTag = m;
            } else {
                seen.add(id);
                matches.add(m);
            }
        }
        String name = meta.get("general.license.name");
        if (name != null && !name.isBlank()) {
            Optional<LicenseInfo> info = kb.byCardName(name);
            String id = info.map(LicenseInfo::id).orElse(name.trim().toLowerCase(Locale.ROOT));
            if ((info.isPresent() || seen.isEmpty()) && seen.add(id)) {
                matches.add(new LicenseMatch(id, info.map(LicenseInfo::version).orElse(null), "license", "weights",
                        file + " (general.license.name)", 0, 1.0, false, List.of()));
            }
        }
        String link = meta.get("general.license.link");
        if (link != null && !link.isBlank()) {
            Optional<LicenseInfo> info = kb.byLink(link);
            if (info.isPresent() && seen.add(info.get().id())) {
                matches.add(new LicenseMatch(info.get().id(), info.get().version(), "license", "weights",
                        file + " (general.license.link)", 0, 0.9, false, List.of()));
            } else if (info.isEmpty() && seen.isEmpty()) {
                matches.add(new LicenseMatch("other", null, "license", "weights", file + " (general.license.link)", 0, 0.5, false, List.of()));
            }
        }
        if (otherTag != null && matches.size() == before) {
            matches.add(otherTag);
        }
    }

    /**
     * Licenses a packaging format declares outside any file (a ModelPack config's {@code descriptor.licenses}, a
     * Kitfile's model license, the type an MLflow placeholder names): read like the card's {@code license} tag.
     */
    private void declaredMatches(List<dev.canship.inventory.Declared> declared, List<LicenseMatch> matches,
                                 List<DeclaredLicenses.Source> sources, Set<String> proven, Set<String> byLineage) {
        // The values one field declares (a ModelPack config's descriptor.licenses list) all apply: one declaration.
        java.util.Map<String, List<String>> byField = new java.util.LinkedHashMap<>();
        for (var d : declared) {
            if (d.kind() == dev.canship.inventory.Declared.Kind.LICENSE) {
                byField.computeIfAbsent(d.where(), w -> new ArrayList<>()).add(d.value());
            }
        }
        byField.forEach((where, values) -> {
            DeclaredLicenses.Source s = declarations.source(where, 0, values);
            if (s != null) {
                sources.add(s);
                matches.add(declarations.representative(s, proven, byLineage));
            }
        });
    }

    /**
     * The card's {@code license} tag, one value or a list (all apply), read as an SPDX expression; then its
     * {@code license_name} and {@code license_link}.
     */
    private void cardMatches(ModelCard card, List<LicenseMatch> matches, List<DeclaredLicenses.Source> sources, Set<String> proven,
                             Set<String> byLineage, List<IdentificationIssue> issues) {
        Set<String> seen = new TreeSet<>();
        // Only text names a license: a number or a map is reported as such (oddLicenseValues), not read as a name.
        List<String> values = card.strings("license");
        String further = furtherLicense(card);
        boolean namesOther = values.stream().anyMatch(LicenseIdentifier::namesOther);
        boolean beside = namesOther && further != null && values.stream().anyMatch(v -> !v.isBlank() && !v.strip().equalsIgnoreCase("other"));
        if (beside) {
            // "other" beside a license says license_name (or license_link) names one more: it takes other's place in the
            // declaration, so it binds as well (known) or is reported unknown, whatever else the tag names.
            values = values.stream().map(v -> v.strip().equalsIgnoreCase("other") ? further : OTHER_WORD.matcher(v).replaceAll(java.util.regex.Matcher.quoteReplacement(token(further)))).toList();
        }
        DeclaredLicenses.Source tag = declarations.source(card.file() + " (license)", card.lineOf("license"), values);
        // "other" beside another license with no key saying which: DeclaredLicenses reports it as an unknown component
        // (a placeholder means "no claim" only as the whole declaration), once.
        if (beside) {
            if (tag != null) {
                sources.add(tag);
                matches.add(declarations.representative(tag, proven, byLineage));
            }
            return;
        }
        if (tag != null) {
            sources.add(tag);
            LicenseMatch m = declarations.representative(tag, proven, byLineage);
            matches.add(m);
            // As before: a known tag keeps license_name from adding the same license; an unknown one does not.
            tag.expression().terms().stream().filter(t -> kb.byCardName(t.id()).isPresent()).forEach(t -> seen.add(declarations.id(t)));
        }
        for (String key : List.of("license_name", "license_link")) {
            String v = card.text(key);
            Optional<LicenseInfo> info = key.equals("license_name") ? nameOf(v) : kb.byLink(v);
            if (info.isPresent() && seen.add(info.get().id())) {
                matches.add(new LicenseMatch(info.get().id(), info.get().version(), "license", CARD_META, card.file() + " (" + key + ")", card.lineOf(key), key.equals("license_name") ? 1.0 : 0.9, false, List.of()));
            } else if (info.isEmpty() && key.equals("license_name") && v != null && !v.isBlank() && seen.isEmpty()) {
                // A license the card names but canship does not know: evidence all the same (judged unknown later).
                matches.add(new LicenseMatch(v.trim().toLowerCase(Locale.ROOT), null, "license", CARD_META, card.file() + " (" + key + ")", card.lineOf(key), 1.0, false, List.of()));
                seen.add(v.trim().toLowerCase(Locale.ROOT));
            } else if (info.isEmpty() && key.equals("license_name") && v != null && !v.isBlank() && v.length() <= 100 && !beside
                    && seen.stream().noneMatch(id -> id.equalsIgnoreCase(v.strip()))) {
                // Beside a license tag, a license_name canship does not know names another license the card claims
                // ("license: apache-2.0" with "license_name: acme-noncommercial"): its terms cannot be checked.
                issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(v.strip().toLowerCase(Locale.ROOT)),
                        card.file() + " (license_name) names the license \"" + v.strip() + "\" beside the license tag, and canship does not know it; "
                                + "whichever the author meant, its terms cannot be checked",
                        List.of(new IdentificationIssue.FileLine(card.file(), card.lineOf(key)))));
            }
        }
    }

    /** The license a card's license_name names, also when written in words ("Apache 2.0", "MIT License"). */
    private Optional<LicenseInfo> nameOf(String v) {
        if (v == null || v.isBlank() || v.length() > 100) {
            return Optional.empty();
        }
        return kb.byCardName(v).or(() -> kb.byCardName(v.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-")))
                .or(() -> kb.namedIn(v.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")))
                .or(() -> kb.namedIn(v.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ")));
    }

    private static final java.util.regex.Pattern OTHER_WORD = java.util.regex.Pattern.compile("(?i)(?<![A-Za-z0-9.+-])other(?![A-Za-z0-9.+-])");

    /** A tag value that is or contains the word {@code other} (alone, or as a term of an expression). */
    private static boolean namesOther(String value) {
        return value.length() <= LicenseExpression.MAX_CHARS && OTHER_WORD.matcher(value).find();
    }

    /**
     * The license {@code license_name} names, else the one {@code license_link} points to: the knowledge base's id
     * when canship knows it, else the name (or link) as written; null when the card has neither.
     */
    private String furtherLicense(ModelCard card) {
        String name = card.text("license_name");
        if (name != null && !name.isBlank()) {
            return kb.byCardName(name).map(LicenseInfo::id).orElse(name.strip());
        }
        String link = card.text("license_link");
        if (link != null && !link.isBlank()) {
            return kb.byLink(link).map(LicenseInfo::id).orElse(link.strip());
        }
        return null;
    }

    /** A license name fit to stand as one term of an SPDX expression: characters an id cannot hold become hyphens. */
    private static String token(String name) {
        return name.replaceAll("[^A-Za-z0-9.+-]+", "-");
    }

    /**
     * A short file that only names a license (its title or a link to it) instead of holding its text, as
     * many repositories ship. It identifies the license with low confidence; the text itself is absent.
     */
    private Optional<LicenseMatch> reference(TextDocument doc) {
        if (doc.text().length() > MAX_REFERENCE_CHARS) {
            return Optional.empty();
        }
        String text = doc.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Optional<LicenseMatch> policy = kb.policyNamedIn(text).filter(p -> !p.appliesTo().isEmpty())
                .map(p -> new LicenseMatch(p.appliesTo().get(0), kb.license(p.appliesTo().get(0)).map(LicenseInfo::version).orElse(null),
                        "use-policy", "reference", doc.where(), doc.firstLine(), 0.5, false, List.of()));
        if (policy.isPresent() && doc.role() != FileRole.LICENSE) {
            return policy;
        }
        String document = doc.role() == FileRole.USE_POLICY ? "use-policy" : "license";
        return kb.namedIn(text)
                .map(l -> new LicenseMatch(l.id(), l.version(), document, "reference", doc.where(), doc.firstLine(), 0.5, false, List.of()));
    }

    /**
     * With no other evidence, a card's {@code license_link} that canship does not recognise names an unknown
     * license ({@code license: other}), not "no license"; null when the card has no such link.
     */
    private LicenseMatch unknownLink(ModelCard card, List<LicenseMatch> matches) {
        String link = card == null ? null : card.text("license_link");
        if (link == null || link.isBlank() || kb.byLink(link).isPresent()) {
            return null;
        }
        LicenseMatch m = new LicenseMatch("other", null, "license", CARD_META, card.file() + " (license_link)", card.lineOf("license_link"), 0.5, false, List.of());
        matches.add(m);
        return m;
    }

    /**
     * The licenses a model license text proves: a text or a short reference in a license file that is neither a code
     * license (LICENSE-CODE) nor a notices file, since those speak for the code or the bundled parts, not the weights.
     */
    private static Set<String> provenByText(List<LicenseMatch> matches) {
        return matches.stream().filter(LicenseIdentifier::isModelText).map(LicenseMatch::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isModelText(LicenseMatch m) {
        return m.isLicense() && isText(m) && !isCodeFile(m.file()) && !isNoticeFile(m.file());
    }

    private static boolean isText(LicenseMatch m) {
        return "text".equals(m.source()) || "reference".equals(m.source());
    }

    /**
     * The governing license: the best model license text, else a declared license (the card's tag, a weights file's
     * or a package's), and only with none of those a code license text. A code license covers the code beside the
     * weights; letting it outrank the card would turn a non-commercial tag into MIT.
     */
    private LicenseMatch conclude(List<LicenseMatch> matches) {
        Comparator<LicenseMatch> byPreference = Comparator
                .comparing((LicenseMatch m) -> isText(m) && isCodeFile(m.file()) ? 3 : "text".equals(m.source()) ? 0 : "reference".equals(m.source()) ? 1 : 2)
                .thenComparing(m -> isModelFile(m.file()) ? 0 : isCodeFile(m.file()) ? 2 : 1)
                .thenComparing(m -> kb.license(m.id()).isPresent() ? 0 : 1)
                .thenComparing(m -> m.altered() ? 1 : 0)
                .thenComparing(LicenseMatch::confidence, Comparator.reverseOrder())
                .thenComparing(LicenseMatch::file);
        // A NOTICE or third-party-notices file lists the licenses of bundled parts; it never governs the weights.
        return matches.stream().filter(LicenseMatch::isLicense).filter(m -> !isNoticeFile(m.file())).min(byPreference).orElse(null);
    }

    /** A code license (LICENSE-CODE) ranks below other license files, a model license (LICENSE-MODEL) above them. */
    private static boolean isCodeFile(String file) {
        String name = fileName(file);
        return name.contains("code") && !isModelFile(file);
    }

    private static boolean isModelFile(String file) {
        return fileName(file).contains("model");
    }

    private static boolean isNoticeFile(String file) {
        String name = fileName(file);
        return name.contains("notice") || name.contains("third-party") || name.contains("third_party") || name.contains("thirdparty");
    }

    private static String fileName(String where) {
        String f = fileOnly(where).toLowerCase(Locale.ROOT);
        return f.substring(f.lastIndexOf('/') + 1);
    }

    /**
     * Sources that name different licenses. A code license text joins them only where no model license text exists
     * and no declaration names it: then it and the card disagree about the weights, and neither may settle it alone.
     */
    private void conflicts(List<LicenseMatch> matches, List<DeclaredLicenses.Source> sources, List<IdentificationIssue> issues) {
        Set<String> textIds = provenByText(matches);
        Set<String> metaIds = matches.stream().filter(m -> m.isLicense() && (CARD_META.equals(m.source()) || "weights".equals(m.source())) && !isUnknownTag(m))
                .map(LicenseMatch::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> declaredIds = sources.stream().flatMap(s -> s.expression().terms().stream()).map(declarations::id).collect(Collectors.toSet());
        Set<String> codeIds = textIds.isEmpty() && !metaIds.isEmpty() ? matches.stream()
                .filter(m -> m.isLicense() && isText(m) && isCodeFile(m.file()) && !metaIds.contains(m.id()) && !declaredIds.contains(m.id()))
                .map(LicenseMatch::id).collect(Collectors.toCollection(TreeSet::new)) : Set.of();
        Set<String> all = new LinkedHashSet<>(textIds);
        all.addAll(metaIds);
        all.addAll(codeIds);
        if (all.size() > 1) {
            java.util.function.Predicate<LicenseMatch> named = m -> m.isLicense() && all.contains(m.id()) && (!isCodeFile(m.file()) || codeIds.contains(m.id()));
            List<IdentificationIssue.FileLine> files = matches.stream().filter(named)
                    .map(m -> new IdentificationIssue.FileLine(fileOnly(m.file()), m.line())).toList();
            String detail = matches.stream().filter(named)
                    .map(m -> m.file() + " says " + m.id()).distinct().collect(Collectors.joining(", "));
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.CONFLICT, List.copyOf(all),
                    "the repository's sources disagree about its license: " + detail, files));
        }
    }

    private String title(String id) {
        return kb.license(id).map(LicenseInfo::title).orElse(id);
    }

    static String describe(LicenseMatch.Alteration a) {
        StringBuilder sb = new StringBuilder(a.kind());
        sb.append(a.clause() != null ? " in " + a.clause() : " (no clause number there)");
        if (a.expected() != null) {
            sb.append(": expected \"").append(a.expected()).append("\"");
        }
        if (a.found() != null && !a.found().isEmpty()) {
            sb.append(a.expected() != null ? ", found \"" : ": now reads \"").append(a.found()).append("\"");
        }
        if (a.before() != null && !a.before().isEmpty()) {
            sb.append(" after \"").append(a.before()).append("\"");
        }
        return sb.toString();
    }

    static String fileOnly(String where) {
        int p = where.indexOf(" (");
        return p < 0 ? where : where.substring(0, p);
    }

    private static String firstLines(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
