package dev.canship.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.canship.extract.pickle.GlobalUse;
import dev.canship.extract.pickle.SerializationScan;
import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;
import dev.canship.identify.IdentificationIssue;
import dev.canship.identify.LicenseMatch;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.RepoFile;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Machine output. The field names documented in the README are a contract: {@code licenses}, {@code license},
 * {@code model}, and for checks {@code verdict} and {@code findings}. Fields are only ever added.
 * One repository gives one object; several give an array of them.
 */
public final class JsonReporter implements Reporter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(List<RepositoryReport> reports) {
        try {
            if (reports.size() == 1) {
                return MAPPER.writeValueAsString(toJson(reports.get(0))) + "\n";
            }
            ArrayNode arr = F.arrayNode();
            reports.forEach(r -> arr.add(toJson(r)));
            return MAPPER.writeValueAsString(arr) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode toJson(RepositoryReport r) {
        ObjectNode root = F.objectNode();
        root.put("schema", r.isCheck() ? "canship-check/1" : "canship-scan/1");
        root.put("repository", r.path());
        root.put("name", r.name());
        if (r.origin() != null) {
            root.put("revision", r.origin().revision());
            ObjectNode source = root.putObject("source");
            source.put("kind", r.origin().kind());
            ArrayNode notes = source.putArray("notes");
            r.origin().notes().forEach(notes::add);
        }
        root.set("tool", tool(r));
        if (r.isCheck()) {
            root.put("verdict", r.verdict().machine());
            root.put("summary", r.verdict().plain());
            root.put("deployment", r.deployment().source() == null ? null : r.deployment().source().toString());
        }
        ArrayNode licenses = root.putArray("licenses");
        for (LicenseMatch m : r.identification().matches()) {
            licenses.add(match(m));
        }
        LicenseMatch concluded = r.identification().license();
        if (concluded == null) {
            root.putNull("license");
        } else {
            ObjectNode l = match(concluded);
            l.set("terms", MAPPER.valueToTree(r.identification().terms()));
            // An exception a declaration attaches with WITH (Apache-2.0 WITH LLVM-exception): the base license governs.
            l.put("exception", r.identification().governingException());
            root.set("license", l);
        }
        root.set("declared_licenses", declared(r.identification().declared()));
        if (r.identification().usePolicy() == null) {
            root.putNull("use_policy");
        } else {
            root.set("use_policy", match(r.identification().usePolicy()));
        }
        // The policy the governing license incorporates by reference, which binds whether or not a copy was found.
        root.put("use_policy_incorporated", r.identification().incorporatedPolicy());
        ArrayNode issues = root.putArray("license_issues");
        for (IdentificationIssue i : r.identification().issues()) {
            ObjectNode o = issues.addObject();
            o.put("kind", i.kind().name());
            ArrayNode ids = o.putArray("licenses");
            i.licenseIds().forEach(ids::add);
            o.put("message", i.message());
        }
        root.set("model", model(r.model(), r.identification().baseModels()));
        if (r.fit() != null) {
            root.set("fit", MAPPER.valueToTree(r.fit()));
        }
        if (r.isCheck()) {
            ArrayNode findings = root.putArray("findings");
            for (Finding f : r.findings()) {
                ObjectNode o = finding(f);
                o.put("fingerprint", FindingKeys.key(r.name(), f));
                if (r.drift() != null) {
                    o.put("new", r.isNew(f));
                }
                findings.add(o);
            }
            if (r.drift() != null) {
                root.set("baseline", drift(r.drift(), r));
            }
            ObjectNode counts = root.putObject("counts");
            counts.put("error", count(r.findings(), "error"));
            counts.put("warning", count(r.findings(), "warning"));
            counts.put("info", count(r.findings(), "info"));
            counts.put("waived", r.findings().stream().filter(Finding::waived).count());
        }
        ArrayNode files = root.putArray("files");
        for (RepoFile f : r.files()) {
            ObjectNode o = files.addObject();
            o.put("path", f.path());
            o.put("role", f.role().name().toLowerCase(java.util.Locale.ROOT));
            o.put("size", f.size());
        }
        ArrayNode serialization = root.putArray("serialization");
        r.serialization().forEach(sc -> serialization.add(serialization(sc)));
        ArrayNode diags = root.putArray("diagnostics");
        for (Diagnostic d : r.diagnostics()) {
            ObjectNode o = diags.addObject();
            o.put("file", d.file());
            o.put("message", d.message());
        }
        return root;
    }

    /** What made this report: canship's version, the knowledge base's, and the version of each rule that fired. */
    static ObjectNode tool(RepositoryReport r) {
        dev.canship.BuildInfo build = dev.canship.BuildInfo.current();
        ObjectNode t = F.objectNode();
        t.put("name", "canship");
        t.put("version", build.version());
        t.put("knowledge_base", build.knowledgeBase());
        ObjectNode rules = t.putObject("rules");
        r.findings().stream().map(Finding::rule).distinct().sorted().forEach(id -> rules.put(id, build.ruleVersion(id)));
        return t;
    }

    /** What changed since the baseline report. */
    static ObjectNode drift(Drift d, RepositoryReport r) {
        ObjectNode o = F.objectNode();
        o.put("file", d.baseline());
        o.put("known", d.known());
        ArrayNode added = o.putArray("new_findings");
        d.newFindings().forEach(added::add);
        ArrayNode resolved = o.putArray("resolved_findings");
        d.resolved().forEach(resolved::add);
        String now = r.identification().license() == null ? null : r.identification().license().id();
        o.put("license_before", d.licenseBefore());
        o.put("license_changed", d.known() && !java.util.Objects.equals(d.licenseBefore(), now));
        o.put("verdict_before", d.verdictBefore());
        o.put("verdict_changed", d.known() && !java.util.Objects.equals(d.verdictBefore(), r.verdict().machine()));
        return o;
    }

    private static long count(List<Finding> findings, String severity) {
        return findings.stream().filter(f -> !f.waived() && f.severity().label().equals(severity)).count();
    }

    static ObjectNode match(LicenseMatch m) {
        ObjectNode o = F.objectNode();
        o.put("id", m.id());
        o.put("version", m.version());
        o.put("document", m.document());
        o.put("source", m.source());
        o.put("file", m.file());
        o.put("line", m.line());
        o.put("confidence", m.confidence());
        if (m.matchShare() == null) {
            o.putNull("match_share");
        } else {
            o.put("match_share", m.matchShare());
        }
        o.put("license_confidence", m.licenseConfidence().level().label());
        o.put("license_confidence_reason", m.licenseConfidence().reason());
        o.put("altered", m.altered());
        if (!m.alterations().isEmpty()) {
            o.set("alterations", MAPPER.valueToTree(m.alterations()));
        }
        return o;
    }

    static ObjectNode model(ModelSummary m, List<String> baseModels) {
        ObjectNode o = F.objectNode();
        if (m == null) {
            o.putNull("name");
            o.putNull("architecture");
            o.putNull("total_params");
            o.putNull("active_params");
            o.putNull("experts");
            o.putNull("experts_per_token");
            o.putArray("modalities");
            ArrayNode b = o.putArray("base_models");
            baseModels.forEach(b::add);
            return o;
        }
        o.put("name", m.name());
        o.put("architecture", m.architecture());
        o.put("total_params", m.totalParams());
        o.put("active_params", m.activeParams());
        o.put("experts", m.experts());
        o.put("experts_per_token", m.expertsPerToken());
        ArrayNode mods = o.putArray("modalities");
        m.modalities().forEach(mods::add);
        ArrayNode b = o.putArray("base_models");
        m.baseModels().forEach(b::add);
        if (m.details() != null) {
            o.set("details", MAPPER.valueToTree(m.details()));
        }
        return o;
    }

    /** One pickle scan: {@code {file, format, weights, globals: [{module, name, ops, nested, allowed, reason?}], unsafe, error, notes}}. */
    static ObjectNode serialization(SerializationScan s) {
        ObjectNode o = F.objectNode();
        o.put("file", s.file());
        o.put("format", s.format());
        o.put("weights", s.weights());
        ArrayNode globals = o.putArray("globals");
        for (GlobalUse g : s.globals()) {
            ObjectNode go = globals.addObject();
            go.put("module", g.module());
            go.put("name", g.name());
            ArrayNode ops = go.putArray("ops");
            g.ops().forEach(ops::add);
            go.put("nested", g.nested());
            go.put("allowed", g.allowed());
            if (g.reason() != null) {
                go.put("reason", g.reason());
            }
        }
        ArrayNode unsafe = o.putArray("unsafe");
        s.unsafe().forEach(unsafe::add);
        o.put("error", s.error());
        ArrayNode notes = o.putArray("notes");
        s.notes().forEach(notes::add);
        return o;
    }

    static ObjectNode finding(Finding f) {
        ObjectNode o = F.objectNode();
        o.put("rule", f.rule());
        o.put("kind", f.kind().name());
        o.put("severity", f.severity().label());
        o.put("license", f.license());
        o.put("clause", f.clause());
        o.put("message", f.message());
        o.put("remediation", f.remediation());
        ArrayNode ev = o.putArray("evidence");
        for (Evidence e : f.evidence()) {
            ObjectNode eo = ev.addObject();
            eo.put("file", e.file());
            eo.put("line", e.line());
        }
        if (f.waiver() != null) {
            ObjectNode w = o.putObject("waiver");
            w.put("active", f.waiver().active());
            w.put("reason", f.waiver().reason().label());
            w.put("comment", f.waiver().comment());
            w.put("expires", f.waiver().expires() == null ? null : f.waiver().expires().toString());
        }
        o.put("waived", f.waived());
        return o;
    }

    /** The declared license values as written, as SPDX expressions, and what each license they name is to the repository. */
    private static ArrayNode declared(java.util.List<dev.canship.identify.DeclaredLicense> declared) {
        ArrayNode out = MAPPER.createArrayNode();
        for (var d : declared) {
            ObjectNode o = out.addObject();
            o.put("where", d.where());
            o.put("line", d.line());
            o.put("written", d.written());
            o.put("expression", d.expression());
            ArrayNode components = o.putArray("components");
            for (var c : d.components()) {
                ObjectNode k = components.addObject();
                k.put("written", c.written());
                k.put("license", c.license());
                k.put("spdx", c.spdx());
                k.put("known", c.known());
                k.put("or_later", c.orLater());
                k.put("exception", c.exception());
                k.put("role", c.role().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }
}
