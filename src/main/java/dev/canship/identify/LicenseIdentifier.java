package dev.canship.identify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.extract.Extraction;
import dev.canship.extract.ModelCard;
import dev.canship.extract.TextDocument;
import dev.canship.inventory.FileRole;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

    public LicenseIdentifier(KnowledgeBase kb, TextMatcher matcher, TermReader termReader) {
        this.kb = kb;
        this.matcher = matcher;
        this.termReader = termReader;
    }

    public Identification identify(Extraction ex) {
        List<LicenseMatch> matches = new ArrayList<>();
        List<IdentificationIssue> issues = new ArrayList<>();
        ModelCard card = ex.card();
        if (card != null) {
            cardMatches(card, matches, issues);
            ambiguousKeys(card, issues);
        }
        for (var w : ex.weights()) {
            String tag = w.metadata().getOrDefault("general.license", w.metadata().get("license"));
            if (tag != null && !tag.isBlank()) {
                String id = kb.byCardName(tag).map(LicenseInfo::id).orElse(tag.trim().toLowerCase(Locale.ROOT));
                matches.add(new LicenseMatch(id, null, "license", "weights", w.file() + " (" + (w.metadata().containsKey("general.license") ? "general.license" : "license") + ")", 0, 1.0, false, List.of()));
            }
        }
        List<TextDocument> unknown = new ArrayList<>();
        TextDocument governingText = null;
        for (TextDocument doc : ex.documents()) {
            List<TextMatcher.TextHit> hits = doc.text().isBlank() ? List.of() : matcher.match(doc.text());
            for (TextMatcher.TextHit h : hits) {
                matches.add(new LicenseMatch(h.id(), h.version(), h.document(), "text", doc.where(), doc.firstLine(),
                        h.confidence(), !h.alterations().isEmpty(), h.alterations()));
            }
            if (hits.isEmpty() && (doc.role() == FileRole.LICENSE || doc.role() == FileRole.USE_POLICY) && !doc.text().isBlank()) {
                Optional<LicenseMatch> ref = reference(doc);
                if (ref.isPresent()) {
                    matches.add(ref.get());
                } else {
                    unknown.add(doc);
                }
            }
        }
        matches.sort(Comparator.comparing(LicenseMatch::file).thenComparing(LicenseMatch::document).thenComparing(LicenseMatch::id));

        List<String> baseModels = baseModels(ex);
        LicenseMatch concluded = conclude(matches);
        LicenseMatch usePolicy = matches.stream()
                .filter(m -> "use-policy".equals(m.document()) && !CARD_META.equals(m.source()))
                .filter(m -> concluded == null || m.id().equals(concluded.id()))
                .max(Comparator.comparingDouble(LicenseMatch::confidence)).orElse(null);
        if (concluded != null && "text".equals(concluded.source())) {
            governingText = ex.documents().stream().filter(d -> d.where().equals(concluded.file())).findFirst().orElse(null);
        }

        for (TextDocument d : unknown) {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(),
                    d.where() + " looks like a " + (d.role() == FileRole.USE_POLICY ? "use policy" : "license")
                            + " but matches none canship knows; it begins: \"" + firstLines(d.text()) + "\"",
                    List.of(new IdentificationIssue.FileLine(d.file(), d.firstLine()))));
        }
        if (concluded != null && kb.license(concluded.id()).isEmpty()) {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(concluded.id()),
                    concluded.file() + " names the license \"" + concluded.id() + "\", which canship does not know"
                            + (baseModels.isEmpty() ? "" : " (base model: " + String.join(", ", baseModels) + ")") + "; its terms cannot be checked",
                    List.of(new IdentificationIssue.FileLine(fileOnly(concluded.file()), concluded.line()))));
        }
        if (concluded == null && unknown.isEmpty()) {
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.MISSING, List.of(),
                    "no license was found: no license file, no license text in the card, and no license tag canship knows",
                    List.of(new IdentificationIssue.FileLine(card == null ? "." : card.file(), card == null ? 0 : card.lineOf("license")))));
        }
        conflicts(matches, issues);
        laundering(concluded, baseModels, card, ex, issues);
        for (LicenseMatch m : matches) {
            if (m.altered()) {
                issues.add(new IdentificationIssue(m.substantivelyAltered() ? IdentificationIssue.Kind.ALTERED : IdentificationIssue.Kind.ALTERED_MINOR, List.of(m.id()),
                        m.file() + " holds the " + title(m.id()) + " " + m.document() + " with " + m.alterations().size()
                                + " changed passage(s): " + m.alterations().stream().map(LicenseIdentifier::describe).collect(Collectors.joining("; ")),
                        List.of(new IdentificationIssue.FileLine(fileOnly(m.file()), m.line()))));
            }
        }
        LicenseTerms terms = concluded == null ? LicenseTerms.NONE
                : kb.license(concluded.id()).map(LicenseInfo::terms).orElse(LicenseTerms.NONE);
        if (governingText != null && termReader != null) {
            terms = termReader.overlay(terms, governingText.text());
        }
        return new Identification(matches, concluded, usePolicy, terms, baseModels, issues);
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

    private void cardMatches(ModelCard card, List<LicenseMatch> matches, List<IdentificationIssue> issues) {
        Set<String> seen = new TreeSet<>();
        for (String tag : card.texts("license")) {
            String t = tag.trim().toLowerCase(Locale.ROOT);
            if (t.equals("other") || t.isEmpty()) {
                continue;
            }
            Optional<LicenseInfo> info = kb.byCardName(t);
            if (info.isPresent() && seen.add(info.get().id())) {
                matches.add(new LicenseMatch(info.get().id(), info.get().version(), "license", CARD_META, card.file() + " (license)", card.lineOf("license"), 1.0, false, List.of()));
            } else if (info.isEmpty()) {
                matches.add(new LicenseMatch(t, null, "license", CARD_META, card.file() + " (license)", card.lineOf("license"), 1.0, false, List.of()));
            }
        }
        for (String key : List.of("license_name", "license_link")) {
            String v = card.text(key);
            Optional<LicenseInfo> info = key.equals("license_name") ? kb.byCardName(v) : kb.byLink(v);
            if (info.isPresent() && seen.add(info.get().id())) {
                matches.add(new LicenseMatch(info.get().id(), info.get().version(), "license", CARD_META, card.file() + " (" + key + ")", card.lineOf(key), key.equals("license_name") ? 1.0 : 0.9, false, List.of()));
            } else if (info.isEmpty() && key.equals("license_name") && v != null && !v.isBlank() && seen.isEmpty()) {
                // A license the card names but canship does not know: evidence all the same (judged unknown later).
                matches.add(new LicenseMatch(v.trim().toLowerCase(Locale.ROOT), null, "license", CARD_META, card.file() + " (" + key + ")", card.lineOf(key), 1.0, false, List.of()));
            }
        }
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

    /** The governing license: the best license text (model license over code license), else the card's tag. */
    private LicenseMatch conclude(List<LicenseMatch> matches) {
        Comparator<LicenseMatch> byPreference = Comparator
                .comparing((LicenseMatch m) -> "text".equals(m.source()) ? 0 : "reference".equals(m.source()) ? 1 : 2)
                .thenComparing(m -> isCodeFile(m.file()) ? 1 : 0)
                .thenComparing(m -> kb.license(m.id()).isPresent() ? 0 : 1)
                .thenComparing(m -> m.altered() ? 1 : 0)
                .thenComparing(LicenseMatch::confidence, Comparator.reverseOrder())
                .thenComparing(LicenseMatch::file);
        return matches.stream().filter(LicenseMatch::isLicense).min(byPreference).orElse(null);
    }

    private static boolean isCodeFile(String file) {
        return file.toLowerCase(Locale.ROOT).contains("code");
    }

    private void conflicts(List<LicenseMatch> matches, List<IdentificationIssue> issues) {
        Set<String> textIds = matches.stream().filter(m -> m.isLicense() && ("text".equals(m.source()) || "reference".equals(m.source())) && !isCodeFile(m.file()))
                .map(LicenseMatch::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> metaIds = matches.stream().filter(m -> m.isLicense() && (CARD_META.equals(m.source()) || "weights".equals(m.source())))
                .map(LicenseMatch::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> all = new LinkedHashSet<>(textIds);
        all.addAll(metaIds);
        if (all.size() > 1) {
            List<IdentificationIssue.FileLine> files = matches.stream().filter(m -> m.isLicense() && all.contains(m.id()) && !isCodeFile(m.file()))
                    .map(m -> new IdentificationIssue.FileLine(fileOnly(m.file()), m.line())).toList();
            String detail = matches.stream().filter(m -> m.isLicense() && all.contains(m.id()) && !isCodeFile(m.file()))
                    .map(m -> m.file() + " says " + m.id()).distinct().collect(Collectors.joining(", "));
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.CONFLICT, List.copyOf(all),
                    "the repository's sources disagree about its license: " + detail, files));
        }
    }

    private void laundering(LicenseMatch concluded, List<String> baseModels, ModelCard card, Extraction ex, List<IdentificationIssue> issues) {
        for (String base : baseModels) {
            Optional<String> implied = Lineage.licenseOf(base);
            if (implied.isEmpty()) {
                continue;
            }
            String impliedFamily = kb.license(implied.get()).map(LicenseInfo::family).orElse(implied.get());
            if (concluded != null && kb.license(concluded.id()).isEmpty()) {
                // An unknown license is reported as unknown, with the base model named; its family cannot be judged.
                continue;
            }
            String claimedFamily = concluded == null ? null : kb.license(concluded.id()).map(LicenseInfo::family).orElse(concluded.id());
            if (concluded != null && Objects.equals(impliedFamily, claimedFamily)) {
                continue;
            }
            String claim = concluded == null ? "no license" : concluded.id();
            issues.add(new IdentificationIssue(IdentificationIssue.Kind.LAUNDERING, concluded == null ? List.of(implied.get()) : List.of(implied.get(), concluded.id()),
                    "the base model " + base + " is under " + title(implied.get()) + " (" + implied.get() + "), but the repository claims " + claim,
                    List.of(new IdentificationIssue.FileLine(card == null ? "." : card.file(), card == null ? 0 : card.lineOf("base_model")))));
            return;
        }
    }

    private static List<String> baseModels(Extraction ex) {
        Set<String> out = new TreeSet<>();
        if (ex.card() != null) {
            out.addAll(ex.card().texts("base_model"));
        }
        JsonNode adapter = ex.adapterConfig();
        if (adapter != null && adapter.path("base_model_name_or_path").isTextual()) {
            out.add(adapter.path("base_model_name_or_path").asText());
        }
        return List.copyOf(out);
    }

    private String title(String id) {
        return kb.license(id).map(LicenseInfo::title).orElse(id);
    }

    static String describe(LicenseMatch.Alteration a) {
        StringBuilder sb = new StringBuilder(a.kind());
        if (a.clause() != null) {
            sb.append(" in ").append(a.clause());
        }
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
