package dev.canship.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;
import dev.canship.finding.Severity;
import dev.canship.rules.RuleCatalog;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one run per repository, one reporting descriptor per rule
 * (with the catalogue's help text), results located at the file and line of their evidence, and waived
 * findings as accepted suppressions.
 */
public final class SarifReporter implements Reporter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final RuleCatalog catalog;

    public SarifReporter(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String render(List<RepositoryReport> reports) {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ArrayNode runs = root.putArray("runs");
        for (RepositoryReport r : reports) {
            runs.add(run(r));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode run(RepositoryReport r) {
        ObjectNode run = F.objectNode();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "canship");
        driver.put("informationUri", "https://github.com/canship/canship");
        driver.put("semanticVersion", "0.1.0");
        Map<String, Integer> index = new TreeMap<>();
        r.findings().forEach(f -> index.putIfAbsent(f.rule(), 0));
        List<String> ids = new ArrayList<>(index.keySet());
        ArrayNode rules = driver.putArray("rules");
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
            rules.add(descriptor(ids.get(i), r.findings()));
        }
        ObjectNode auto = run.putObject("automationDetails");
        auto.put("id", "canship/" + r.name() + "/");
        if (r.isCheck()) {
            // The same three-state verdict as JSON and CycloneDX: a review is not a pass.
            ObjectNode props = run.putObject("properties");
            props.put("verdict", r.verdict().machine());
            props.put("summary", r.verdict().plain());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", f.rule());
            res.put("ruleIndex", index.get(f.rule()));
            res.put("level", level(f.severity()));
            res.putObject("message").put("text", f.message() + (f.remediation().isEmpty() ? "" : " Fix: " + f.remediation()));
            ArrayNode locations = res.putArray("locations");
            List<Evidence> evidence = f.evidence().isEmpty() ? List.of(Evidence.of(".")) : f.evidence();
            for (Evidence e : evidence) {
                ObjectNode phys = locations.addObject().putObject("physicalLocation");
                phys.putObject("artifactLocation").put("uri", uri(r, e.file()));
                if (e.line() > 0) {
                    phys.putObject("region").put("startLine", e.line());
                }
            }
            if (f.waiver() != null && f.waiver().active()) {
                ObjectNode s = res.putArray("suppressions").addObject();
                s.put("kind", "external");
                s.put("status", "accepted");
                s.put("justification", f.waiver().reason().label() + (f.waiver().comment() == null ? "" : ": " + f.waiver().comment()));
            }
            ObjectNode props = res.putObject("properties");
            props.put("kind", f.kind().name());
            props.put("license", f.license());
            props.put("clause", f.clause());
            props.put("remediation", f.remediation());
            props.put("repository", r.path());
        }
        return run;
    }

    private ObjectNode descriptor(String id, List<Finding> findings) {
        ObjectNode d = F.objectNode();
        d.put("id", id);
        Finding sample = findings.stream().filter(f -> f.rule().equals(id)).findFirst().orElseThrow();
        RuleCatalog.Entry e = catalog.entry(id).orElse(null);
        d.put("name", toPascal(id));
        String checks = e == null ? "Organization rule " + id : e.checks();
        d.putObject("shortDescription").put("text", firstSentence(checks));
        d.putObject("fullDescription").put("text", checks);
        ObjectNode help = d.putObject("help");
        if (e != null) {
            help.put("text", "Checks: " + e.checks() + "\nWhy: " + e.why() + "\nFix: " + e.fix() + "\nMore: canship explain " + id);
            help.put("markdown", "**Checks:** " + e.checks() + "\n\n**Why:** " + e.why() + "\n\n**Fix:** " + e.fix() + "\n\n`canship explain " + id + "`");
        } else {
            help.put("text", sample.remediation());
        }
        d.putObject("defaultConfiguration").put("level", level(e == null ? sample.severity() : Severity.parse(e.severity())));
        ObjectNode props = d.putObject("properties");
        props.putArray("tags").add("license-compliance").add(sample.kind().name());
        return d;
    }

    private static String uri(RepositoryReport r, String file) {
        String f = file.replace('\\', '/');
        if (f.endsWith(".yaml") || f.endsWith(".yml") || f.endsWith(".json")) {
            // Deployment and policy files are named as given on the command line, not inside the repository.
            if (r.deployment() != null && r.deployment().source() != null && f.equals(r.deployment().source().toString().replace('\\', '/'))) {
                return f;
            }
        }
        if (f.equals(".")) {
            return r.path().replace('\\', '/');
        }
        return Path.of(r.path()).resolve(f).normalize().toString().replace('\\', '/');
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String toPascal(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.toLowerCase(java.util.Locale.ROOT).split("-")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        return dot < 0 ? s : s.substring(0, dot + 1);
    }
}
