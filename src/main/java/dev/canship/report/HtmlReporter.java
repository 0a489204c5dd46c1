package dev.canship.report;

import dev.canship.deployment.AttributionPlace;
import dev.canship.deployment.Deployment;
import dev.canship.finding.Finding;
import dev.canship.finding.Severity;
import dev.canship.finding.Waiver;
import dev.canship.identify.IdentificationIssue;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import dev.canship.identify.LicenseMatch;
import dev.canship.identify.UsePolicy;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.RepoFile;
import dev.canship.model.ModelFacts;
import dev.canship.rules.RuleCatalog;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One self-contained HTML page for the people who sign off: verdict first, then the deployment as declared,
 * the governing license and its evidence, findings by severity with the rule catalogue's explanation and
 * remedy, the obligations checklist, waivers, model facts and the memory chart. Styles and the chart are
 * inline and a Content-Security-Policy forbids every fetch and script, so the file can be archived and opened
 * offline. The page is built as a Jsoup DOM and every value is set with {@code text()} or an attribute: a
 * model card is untrusted input and never becomes markup.
 */
public final class HtmlReporter implements Reporter {

    /** Nothing loads and nothing runs, even if a value ever slipped through as markup. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private final RuleCatalog catalog;
    private final KnowledgeBase kb;
    private final Clock clock;

    /**
     * @param catalog the rule catalogue, for each finding's plain explanation
     * @param kb      the license catalog, for the governing license's title and publisher
     * @param clock   the date printed in the header, or null to print none (deterministic output)
     */
    public HtmlReporter(RuleCatalog catalog, KnowledgeBase kb, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog);
        this.kb = Objects.requireNonNull(kb);
        this.clock = clock;
    }

    @Override
    public String render(List<RepositoryReport> reports) {
        Document doc = Document.createShell("");
        doc.prependChild(new DocumentType("html", "", ""));
        doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(true).indentAmount(1);
        Element html = doc.selectFirst("html");
        html.attr("lang", "en");
        Element head = doc.head();
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta").attr("http-equiv", "Content-Security-Policy").attr("content", CONTENT_SECURITY_POLICY);
        head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        head.appendElement("meta").attr("name", "generator").attr("content", "canship");
        head.appendElement("title").text(title(reports));
        head.appendElement("style").appendChild(new DataNode(Style.CSS));

        Element main = doc.body().appendElement("main");
        Element header = main.appendElement("header").addClass("page-header");
        header.appendElement("h1").text(reports.stream().anyMatch(RepositoryReport::isCheck)
                ? "canship \u00b7 license and deployment review" : "canship \u00b7 model repository scan");
        if (clock != null) {
            header.appendElement("div").addClass("meta").text("Report date: " + LocalDate.now(clock));
        }
        for (RepositoryReport r : reports) {
            repository(main.appendElement("article").addClass("repository"), r);
        }
        Element footer = main.appendElement("footer");
        footer.appendElement("p").text("Produced by canship from the repository's files and the deployment as declared. "
                + "It supports a legal review and does not replace one: the license text shipped by the publisher governs.");
        showHidden(doc);
        return doc.outerHtml() + "\n";
    }

    /**
     * Jsoup escapes markup, but a bidi override or zero-width character in a card would still reorder or hide what
     * the page shows: every text node and attribute value shows them as visible escapes ({@link Untrusted#visible}).
     */
    private static void showHidden(Document doc) {
        doc.body().traverse((node, depth) -> {
            if (node instanceof org.jsoup.nodes.TextNode t) {
                String v = Untrusted.visible(t.getWholeText());
                if (!v.equals(t.getWholeText())) {
                    t.text(v);
                }
            }
            for (org.jsoup.nodes.Attribute a : node.attributes()) {
                String v = Untrusted.visible(a.getValue());
                if (v != null && !v.equals(a.getValue())) {
                    a.setValue(v);
                }
            }
        });
        Element title = doc.head().selectFirst("title");
        if (title != null) {
            title.text(Untrusted.visible(title.text()));
        }
    }

    private static String title(List<RepositoryReport> reports) {
        String names = reports.stream().map(RepositoryReport::name).collect(Collectors.joining(", "));
        if (reports.size() == 1 && reports.get(0).isCheck()) {
            return "canship: " + names + " \u2014 " + reports.get(0).verdict().plain();
        }
        return "canship: " + names;
    }

    private void repository(Element article, RepositoryReport r) {
        article.attr("data-repository", r.name());
        verdict(article, r);
        if (r.isCheck()) {
            deployment(article, r.deployment());
        }
        license(article, r);
        if (r.isCheck()) {
            findings(article, r);
            obligations(article, r);
            waivers(article, r);
        }
        model(article, r);
        MemoryBudget.of(r).ifPresent(b -> memory(article, b));
        files(article, r);
    }

    // ---- verdict

    /** The repository as the verdict names it: name, where it was read, and the revision when the place keeps one. */
    private static String subject(RepositoryReport r) {
        return r.name() + " \u2014 " + r.path() + (r.revision() == null ? "" : " (revision " + r.revision() + ")");
    }

    private void verdict(Element parent, RepositoryReport r) {
        Element box = parent.appendElement("div").attr("role", "status");
        if (!r.isCheck()) {
            box.addClass("verdict").addClass("verdict-scan").attr("data-verdict", "scan");
            box.appendElement("div").addClass("label").text("Scanned: no deployment checked");
            box.appendElement("div").addClass("subject").text(subject(r));
            return;
        }
        Verdict v = r.verdict();
        box.addClass("verdict").addClass("verdict-" + v.name().toLowerCase(Locale.ROOT)).attr("id", "verdict-" + slug(r.name()))
                .attr("data-verdict", v.name().toLowerCase(Locale.ROOT));
        box.appendElement("div").addClass("label").text(capitalize(v.plain()));
        box.appendElement("div").addClass("subject").text(subject(r));
        LicenseMatch l = r.identification().license();
        box.appendElement("div").addClass("governing").text("Governing license: " + (l == null ? "none concluded"
                : kb.license(l.id()).map(i -> i.title() + " (" + l.id() + ")").orElse(l.id())
                + (r.identification().governingException() == null ? "" : " WITH " + r.identification().governingException())));
        Element counts = box.appendElement("div").addClass("counts");
        badge(counts, "sev-error", count(r, Severity.ERROR) + " " + plural(count(r, Severity.ERROR), "error"));
        badge(counts, "sev-warning", count(r, Severity.WARNING) + " " + plural(count(r, Severity.WARNING), "warning"));
        long info = count(r, Severity.INFO);
        if (info > 0) {
            badge(counts, "sev-info", info + " " + plural(info, "note"));
        }
        long waived = r.findings().stream().filter(Finding::waived).count();
        if (waived > 0) {
            badge(counts, "status-waived", waived + " waived");
        }
        List<String> blocking = r.findings().stream().filter(f -> !f.waived() && (f.severity() == Severity.ERROR || Verdict.blockingReview(f)))
                .map(Finding::rule).distinct().toList();
        if (!blocking.isEmpty()) {
            box.appendElement("div").addClass("blocking").text("Blocking: " + String.join(", ", blocking));
        } else if (v == Verdict.PASS) {
            box.appendElement("div").addClass("blocking").text(r.findings().isEmpty()
                    ? "Every term checked is met by the deployment as described."
                    : "No unwaived finding blocks or needs review.");
        }
    }

    // ---- deployment

    private static void deployment(Element parent, Deployment d) {
        Element s = section(parent, "deployment", "Deployment as declared");
        if (d.source() != null) {
            s.appendElement("p").addClass("muted").appendText("From ").appendElement("code").text(d.source().toString());
        }
        Element cols = s.appendElement("div").addClass("columns");
        Element org = column(cols, "Organization");
        fact(org, "Name", d.organization().name());
        fact(org, "Country", d.organization().country());
        fact(org, "Monthly active users", String.format(Locale.ROOT, "%,d", d.organization().monthlyActiveUsers()));
        Element model = column(cols, "Model");
        fact(model, "Release name", orNone(d.model().releaseName()));
        fact(model, "Changes", d.model().changes() == null ? null : d.model().changes().label());
        fact(model, "Distribution", d.model().distribution() == null ? null : d.model().distribution().label());
        fact(model, "Modalities used", join(d.model().modalities()));
        fact(model, "Outputs train models", yesNo(d.model().outputsTrainModels()));
        Element product = column(cols, "Product");
        Deployment.Product p = d.product();
        fact(product, "Name", orNone(p.name()));
        fact(product, "Commercial", yesNo(p.commercial()));
        fact(product, "Attribution shown on", p.attribution() == null || p.attribution().isEmpty() ? "nowhere"
                : p.attribution().stream().map(AttributionPlace::label).collect(Collectors.joining(", ")));
        fact(product, "Ships license copy", yesNo(p.shipsLicenseCopy()));
        fact(product, "Ships Notice file", yesNo(p.shipsNotice()));
        fact(product, "Passes use policy on", yesNo(p.passesUsePolicy()));
        fact(product, "Uses", join(p.uses()));
        fact(product, "Use description", p.useDescription());
        fact(product, "End-user regions", join(p.regions()));
        if (d.hardware() != null) {
            Element hw = column(cols, "Hardware");
            Deployment.Hardware h = d.hardware();
            fact(hw, "Accelerator", h.accelerator() != null ? h.count() + " \u00d7 " + h.accelerator()
                    : h.count() + " \u00d7 custom (" + h.memoryGib() + " GiB, " + h.bandwidthGbps() + " GB/s)");
            fact(hw, "Precision", h.precision());
            fact(hw, "Context", String.format(Locale.ROOT, "%,d tokens", h.contextTokens()));
            fact(hw, "Concurrent sequences", String.valueOf(h.concurrentSequences()));
            if (h.offloadExperts()) {
                fact(hw, "Expert offload", "yes");
            }
        }
    }

    // ---- license

    private void license(Element parent, RepositoryReport r) {
        Element s = section(parent, "license", "Governing license");
        LicenseMatch l = r.identification().license();
        if (l == null) {
            s.appendElement("p").addClass("status-not-met").text("No governing license could be concluded from the repository.");
        } else {
            Element dl = s.appendElement("dl").addClass("facts");
            LicenseInfo info = kb.license(l.id()).orElse(null);
            dd(dl, "License", info == null ? l.id() : info.title() + " (" + l.id() + ")");
            if (info != null) {
                dd(dl, "SPDX identifier", info.spdx() == null ? "none (not an SPDX-listed license)" : info.spdx());
                dd(dl, "Publisher", info.publisher());
                dd(dl, "Commercial use", info.commercialUse());
                dd(dl, "Governing law", info.governingLaw());
            }
            dd(dl, "Concluded from", at(l.file(), l.line()) + " (" + l.source() + ")");
            String share = MatchWords.share(l, kb);
            dd(dl, "Text match", share == null ? "no license text compared" : capitalize(share));
            dd(dl, "Confidence", capitalize(l.licenseConfidence().level().label()) + ": " + l.licenseConfidence().reason());
            LicenseMatch p = r.identification().usePolicy();
            if (p != null) {
                String title = kb.policy(r.identification().policyId()).map(UsePolicy::title).orElse(p.id());
                dd(dl, "Use policy", title + ", from " + at(p.file(), p.line()));
            } else if (MatchWords.incorporatedPolicy(r.identification(), kb) != null) {
                dd(dl, "Use policy", MatchWords.incorporatedPolicy(r.identification(), kb) + MatchWords.INCORPORATED);
            }
        }
        if (!r.identification().baseModels().isEmpty()) {
            Element dl = s.selectFirst("dl.facts") == null ? s.appendElement("dl").addClass("facts") : s.selectFirst("dl.facts");
            dd(dl, "Base models", String.join(", ", r.identification().baseModels()));
        }
        List<LicenseMatch> matches = r.identification().matches();
        if (!matches.isEmpty()) {
            s.appendElement("h3").text("Evidence");
            Element table = s.appendElement("table").addClass("evidence");
            row(table.appendElement("thead"), "th", "License", "Document", "File", "Source", "Text matched", "Confidence", "Altered").child(4).addClass("num");
            Element body = table.appendElement("tbody");
            for (LicenseMatch m : matches) {
                Element tr = row(body, "td", m.id() + (m.version() == null || m.id().endsWith(m.version()) ? "" : " (" + m.version() + ")"),
                        m.document(), at(m.file(), m.line()), m.source(), MatchWords.shareCell(m),
                        m.licenseConfidence().level().label() + " (" + m.licenseConfidence().reason() + ")", m.altered() ? "yes" : "no");
                tr.child(4).addClass("num");
                if (m.altered()) {
                    tr.addClass("row-not-met");
                }
            }
        }
        for (LicenseMatch m : matches) {
            if (!m.alterations().isEmpty()) {
                alterations(s, m, kb);
            }
        }
        if (!r.identification().issues().isEmpty()) {
            s.appendElement("h3").text("Problems with the evidence");
            Element ul = s.appendElement("ul").addClass("issues");
            for (IdentificationIssue i : r.identification().issues()) {
                Element li = ul.appendElement("li");
                li.appendElement("strong").text(i.kind().name().toLowerCase(Locale.ROOT) + ": ");
                li.appendText(i.message());
            }
        }
    }

    private static void alterations(Element parent, LicenseMatch m, KnowledgeBase kb) {
        parent.appendElement("h3").text("Altered passages in " + m.file());
        Element table = parent.appendElement("table").addClass("alteration");
        row(table.appendElement("thead"), "th", "Where", "The repository's file says", "The reference has");
        Element body = table.appendElement("tbody");
        for (LicenseMatch.Alteration a : m.alterations()) {
            Element tr = body.appendElement("tr");
            Element where = tr.appendElement("td");
            where.appendElement("div").text(a.kind());
            if (a.clause() != null) {
                where.appendElement("div").addClass("muted").text(a.clause());
            }
            Element found = tr.appendElement("td").addClass("found");
            if (a.before() != null && !a.before().isBlank()) {
                found.appendElement("span").addClass("context").text("\u2026" + a.before() + " ");
            }
            found.appendElement("strong").text(a.found() == null || a.found().isEmpty() ? "(deleted)" : a.found());
            reference(tr.appendElement("td").addClass("expected"), m, a, kb);
        }
    }

    /**
     * The publisher's words for an altered passage. canship holds the exact reference words only where a fingerprint
     * anchors them (numbers and key terms); the texts themselves are never bundled, so elsewhere the cell says so and
     * where the publisher's text is found, rather than leaving the reviewer to guess.
     */
    private static void reference(Element td, LicenseMatch m, LicenseMatch.Alteration a, KnowledgeBase kb) {
        if (a.expected() != null) {
            td.appendElement("strong").text(a.expected());
            td.appendElement("div").addClass("muted").text("the publisher's term here, as canship reads it");
            return;
        }
        String title = kb.license(m.id()).map(LicenseInfo::title).orElse(m.id());
        String text = m.isLicense() ? "the " + title + " text" : "the use policy text of the " + title;
        if ("added".equals(a.kind())) {
            td.text("Nothing: these words are not in " + text + ".");
            return;
        }
        td.appendText("The reference passage is not bundled with canship, which keeps only a fingerprint of " + text
                + ". Read " + (a.clause() == null ? "the passage" : a.clause()) + " in the publisher's text: ");
        td.appendElement("code").text("canship licenses show " + m.id());
        td.appendText(" names its source.");
    }

    // ---- findings

    private void findings(Element parent, RepositoryReport r) {
        Element s = section(parent, "findings", "Findings");
        if (r.findings().isEmpty()) {
            s.appendElement("p").text("No findings: every term checked is met by the deployment as described.");
            return;
        }
        int n = 0;
        for (Severity sev : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            List<Finding> group = r.findings().stream().filter(f -> f.severity() == sev && !f.waived()).toList();
            if (group.isEmpty()) {
                continue;
            }
            s.appendElement("h3").addClass("sev-" + sev.label()).text(groupTitle(sev) + " (" + group.size() + ")");
            for (Finding f : group) {
                finding(s, f, slug(r.name()) + "-" + ++n);
            }
        }
        List<Finding> waived = r.findings().stream().filter(Finding::waived).toList();
        if (!waived.isEmpty()) {
            s.appendElement("h3").addClass("status-waived").text("Waived (" + waived.size() + ")");
            for (Finding f : waived) {
                finding(s, f, slug(r.name()) + "-" + ++n);
            }
        }
    }

    private static String groupTitle(Severity s) {
        return switch (s) {
            case ERROR -> "Errors: block shipping as described";
            case WARNING -> "Warnings: need review";
            case INFO -> "Notes";
        };
    }

    private void finding(Element parent, Finding f, String id) {
        Element a = parent.appendElement("div").addClass("finding").addClass("sev-" + f.severity().label())
                .attr("id", "finding-" + id).attr("data-rule", f.rule()).attr("data-severity", f.severity().label());
        if (f.waived()) {
            a.addClass("waived");
        }
        Element head = a.appendElement("div").addClass("head");
        badge(head, "sev-" + f.severity().label(), f.severity().label());
        head.appendElement("span").addClass("rule").text(f.rule());
        if (!f.kind().name().equals(f.rule().replace('-', '_'))) {
            head.appendElement("span").addClass("muted").text(f.kind().name());
        }
        if (f.license() != null) {
            head.appendElement("span").addClass("clause").text(f.license() + (f.clause() == null ? "" : " " + f.clause()));
        }
        a.appendElement("p").addClass("message").text(f.message());
        Element dl = a.appendElement("dl");
        catalog.entry(f.rule()).ifPresent(e -> dd(dl, "Why it matters", e.why()));
        if (!f.remediation().isEmpty()) {
            dd(dl, "Remedy", f.remediation());
        }
        if (!f.evidence().isEmpty()) {
            dd(dl, "Evidence", f.evidence().stream().map(e -> Places.human(e.file(), e.line())).collect(Collectors.joining(", ")));
        }
        if (f.waiver() != null) {
            Waiver w = f.waiver();
            dd(dl, "Waiver", w.reason().label() + (w.expires() == null ? ", no expiry" : ", until " + w.expires())
                    + (w.active() ? "" : " \u2014 EXPIRED, no longer waives") + (w.comment() == null ? "" : " \u2014 " + w.comment()));
        }
    }

    // ---- obligations

    private static void obligations(Element parent, RepositoryReport r) {
        List<ObligationChecklist.Item> items = ObligationChecklist.of(r);
        if (items.isEmpty()) {
            return;
        }
        Element s = section(parent, "obligations", "Obligations for this deployment");
        s.appendElement("p").addClass("muted").text("Each term of the governing license that canship checks, against the deployment as declared.");
        Element table = s.appendElement("table").addClass("obligations");
        colgroup(table, "22%", "43%", "14%", "21%");
        row(table.appendElement("thead"), "th", "Clause", "Obligation", "Status", "Note");
        Element body = table.appendElement("tbody");
        for (ObligationChecklist.Item i : items) {
            Element tr = body.appendElement("tr").addClass("row-" + i.status().token()).attr("data-term", i.term())
                    .attr("data-status", i.status().token());
            tr.appendElement("td").addClass("clause").text(i.clause() == null ? "" : i.clause());
            tr.appendElement("td").text(i.obligation());
            badge(tr.appendElement("td"), "status-" + i.status().token(), i.status().label());
            tr.appendElement("td").addClass("muted").text(i.note());
        }
    }

    // ---- waivers

    private static void waivers(Element parent, RepositoryReport r) {
        List<Finding> withWaiver = r.findings().stream().filter(f -> f.waiver() != null).toList();
        if (withWaiver.isEmpty()) {
            return;
        }
        Element s = section(parent, "waivers", "Waivers");
        Element table = s.appendElement("table").addClass("waivers");
        row(table.appendElement("thead"), "th", "Rule", "Reason", "Comment", "Expires", "State");
        Element body = table.appendElement("tbody");
        for (Finding f : withWaiver) {
            Waiver w = f.waiver();
            Element tr = row(body, "td", f.rule(), w.reason().label() + ": " + w.reason().meaning(),
                    w.comment() == null ? "" : w.comment(), w.expires() == null ? "never" : w.expires().toString(), "");
            Element state = tr.child(4);
            if (w.active()) {
                badge(state, "status-waived", "active");
            } else {
                badge(state, "expired", "expired");
                tr.addClass("row-not-met");
            }
        }
    }

    // ---- model

    private static void model(Element parent, RepositoryReport r) {
        ModelSummary m = r.model();
        if (m == null) {
            return;
        }
        Element s = section(parent, "model", "Model facts");
        Element dl = s.appendElement("dl").addClass("facts");
        ModelFacts f = m.details();
        dd(dl, "Name", m.name());
        if (m.architecture() != null) {
            dd(dl, "Architecture", m.architecture() + (f != null && f.architectures() != null ? " (" + f.architectures() + ")" : ""));
        }
        if (m.totalParams() != null) {
            dd(dl, "Parameters", m.parameters(", ") + (m.mixtureOfExperts() && m.activeParams() != null ? " per token" : ""));
        }
        if (m.mixtureOfExperts()) {
            dd(dl, "Experts", m.experts() + " routed" + m.perToken(", ", "")
                    + (f != null && f.sharedExperts() != null && f.sharedExperts() > 0 ? ", " + f.sharedExperts() + " shared" : ""));
        } else if (m.totalParams() != null) {
            dd(dl, "Experts", "none (dense model)");
        }
        dd(dl, "Modalities", join(m.modalities()));
        if (f != null) {
            if (f.layers() != null) {
                dd(dl, "Layers", f.layers() + (f.moeLayers() != null && f.moeLayers() > 0 ? " (" + f.moeLayers() + " with experts)" : ""));
            }
            if (f.contextLength() != null) {
                dd(dl, "Context length", String.format(Locale.ROOT, "%,d tokens", f.contextLength()));
            }
            if (f.nativeDtype() != null) {
                dd(dl, "Native precision", f.nativeDtype() + (f.quantization() != null ? " (" + f.quantization() + ")" : ""));
            }
            if (f.hiddenSize() != null) {
                dd(dl, "Width / heads", f.hiddenSize() + " / " + f.attentionHeads() + " query, " + f.kvHeads() + " key-value");
            }
            if (f.estimated()) {
                dd(dl, "Note", "some counts are estimates: " + String.join("; ", f.notes()));
            }
        }
        if (r.card() != null && r.card().text("pipeline_tag") != null) {
            dd(dl, "Task (card)", r.card().text("pipeline_tag"));
        }
    }

    // ---- memory

    private static void memory(Element parent, MemoryBudget b) {
        Element s = section(parent, "memory", "Accelerator memory");
        s.appendElement("p").addClass("fit-line").addClass(b.fits() ? "status-met" : "status-not-met")
                .text(b.fits() ? "Fits: " + MemoryBudget.gib(b.totalBytes()) + " needed of " + MemoryBudget.gib(b.availableBytes()) + " on " + b.devices()
                        : "Does not fit: " + MemoryBudget.gib(b.totalBytes()) + " needed, " + MemoryBudget.gib(b.availableBytes()) + " on " + b.devices()
                        + (b.devicesNeeded() > 0 ? "; needs at least " + b.devicesNeeded() + " devices" : "; no device count suffices"));
        s.appendElement("p").addClass("muted").text("At " + b.precision() + " precision with "
                + String.format(Locale.ROOT, "%,d", b.contextTokens()) + " tokens of context.");
        MemoryChart.draw(s, b);
        Element table = s.appendElement("table").addClass("legend");
        row(table.appendElement("thead"), "th", "Part", "Memory").child(1).addClass("num");
        Element body = table.appendElement("tbody");
        legend(body, MemoryChart.WEIGHTS_COLOR, "Weights", b.weightsBytes());
        legend(body, MemoryChart.KV_COLOR, "KV cache", b.kvCacheBytes());
        legend(body, MemoryChart.OVERHEAD_COLOR, "Overhead (runtime buffers)", b.overheadBytes());
        legend(body, null, "Total needed", b.totalBytes());
        legend(body, MemoryChart.LIMIT_COLOR, "Available on " + b.devices(), b.availableBytes());
    }

    private static void legend(Element body, String color, String label, long bytes) {
        Element tr = body.appendElement("tr");
        Element name = tr.appendElement("td");
        if (color != null) {
            name.appendElement("span").addClass("swatch").attr("style", "background:" + color);
        }
        name.appendText(label);
        tr.appendElement("td").addClass("num").text(MemoryBudget.gib(bytes));
    }

    // ---- files

    private static void files(Element parent, RepositoryReport r) {
        Element s = section(parent, "files", "Files read");
        Element table = s.appendElement("table").addClass("files");
        row(table.appendElement("thead"), "th", "File", "Role", "Size").child(2).addClass("num");
        Element body = table.appendElement("tbody");
        for (RepoFile f : r.files()) {
            Element tr = row(body, "td", f.path(), f.role().name().toLowerCase(Locale.ROOT).replace('_', '-'), String.format(Locale.ROOT, "%,d bytes", f.size()));
            tr.child(2).addClass("num");
        }
        if (!r.diagnostics().isEmpty()) {
            s.appendElement("h3").addClass("status-review").text("Not read");
            Element ul = s.appendElement("ul");
            for (Diagnostic d : r.diagnostics()) {
                ul.appendElement("li").text(Places.human(d.file(), 0) + ": " + d.message());
            }
        }
    }

    // ---- helpers

    private static Element section(Element parent, String id, String title) {
        Element s = parent.appendElement("section").addClass("card").addClass(id);
        s.appendElement("h2").text(title);
        return s;
    }

    private static Element column(Element cols, String title) {
        Element div = cols.appendElement("div");
        div.appendElement("h3").text(title);
        return div.appendElement("dl").addClass("facts");
    }

    private static void fact(Element dl, String label, String value) {
        dd(dl, label, value == null || value.isEmpty() ? "not declared" : value);
    }

    private static void dd(Element dl, String label, String value) {
        dl.appendElement("dt").text(label);
        dl.appendElement("dd").text(value == null ? "" : value);
    }

    private static Element row(Element parent, String cell, String... values) {
        Element tr = parent.appendElement("tr");
        for (String v : values) {
            tr.appendElement(cell).text(v == null ? "" : v);
        }
        return tr;
    }

    private static void colgroup(Element table, String... widths) {
        Element cg = table.appendElement("colgroup");
        for (String w : widths) {
            cg.appendElement("col").attr("style", "width:" + w);
        }
    }

    private static void badge(Element parent, String cls, String text) {
        parent.appendElement("span").addClass("badge").addClass(cls).text(text);
    }

    private static long count(RepositoryReport r, Severity s) {
        return r.findings().stream().filter(f -> !f.waived() && f.severity() == s).count();
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }

    private static String at(String file, int line) {
        return line > 0 ? file + ":" + line : file;
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "none" : s;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** An id-safe token from a repository name (ids only help tests and anchors; the name itself is shown as text). */
    static String slug(String s) {
        String t = s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return t.isEmpty() ? "repository" : t;
    }

    /** The stylesheet, read once from the classpath. */
    static final class Style {
        static final String CSS = load();

        private static String load() {
            try (InputStream in = HtmlReporter.class.getResourceAsStream("report.css")) {
                if (in == null) {
                    throw new IllegalStateException("dev/canship/report/report.css is missing from the build");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
