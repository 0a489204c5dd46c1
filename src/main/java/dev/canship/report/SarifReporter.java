package dev.canship.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canship.BuildInfo;
import dev.canship.finding.Finding;
import dev.canship.finding.Severity;
import dev.canship.rules.RuleCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: one run for all repositories, one reporting descriptor per rule that
 * fired (with the catalogue's help), and every result with exactly one primary location, a repository-relative file
 * of the checked-out tree with a region, plus stable partial fingerprints so an alert follows its finding from run to
 * run.
 *
 * <p>Locations are relative to the folder canship runs in (the checkout, in a pipeline), named through the
 * {@code %SRCROOT%} base. The primary location is the first piece of evidence that is a regular file inside that
 * folder; else the deployment file; else the model folder's card; evidence that is not a file of the tree (the
 * repository as a whole, a Hugging Face cache outside the checkout) goes to {@code relatedLocations} or the result's
 * properties.
 *
 * <p>Waived findings: GitHub code scanning does not read SARIF {@code suppressions} (an uploaded result with one is
 * still an open alert). So a waived finding is not a result: it is listed under the run's
 * {@code properties.waived} with its rule, fingerprint, reason and expiry, and the alert it was closes as fixed on
 * the next upload. A waiver that has expired waives nothing and its finding is a result again.
 */
public final class SarifReporter implements Reporter {

    /** GitHub's limits for one upload that this reporter could reach (runs are one; rules and tags are few). */
    static final int MAX_RESULTS = 25_000;
    static final int MAX_RELATED = 1_000;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final RuleCatalog catalog;
    private final Path base;
    private final TreeLocations locations;

    /** Locations relative to the current working directory. */
    public SarifReporter(RuleCatalog catalog) {
        this(catalog, Path.of(""));
    }

    /** Locations relative to {@code base} (the checkout's root). */
    public SarifReporter(RuleCatalog catalog, Path base) {
        this.catalog = catalog;
        this.base = base.toAbsolutePath().normalize();
        this.locations = new TreeLocations(this.base);
    }

    @Override
    public String render(List<RepositoryReport> reports) {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        root.putArray("runs").add(run(reports));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode run(List<RepositoryReport> reports) {
        ObjectNode run = F.objectNode();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "canship");
        driver.put("informationUri", "https://github.com/canship/canship");
        BuildInfo build = BuildInfo.current();
        driver.put("version", build.version());
        driver.put("semanticVersion", build.version());
        driver.putObject("properties").put("knowledgeBase", build.knowledgeBase());
        run.putObject("originalUriBaseIds").putObject("%SRCROOT%").put("uri", base.toUri().toString());
        // One category per canship configuration: a later upload replaces this one's alerts, not other tools'.
        run.putObject("automationDetails").put("id", "canship/");

        Map<String, Finding> firstByRule = new TreeMap<>();
        reports.forEach(r -> r.findings().forEach(f -> firstByRule.putIfAbsent(f.rule(), f)));
        Map<String, Integer> index = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (Map.Entry<String, Finding> e : firstByRule.entrySet()) {
            index.put(e.getKey(), index.size());
            rules.add(descriptor(e.getKey(), e.getValue(), build));
        }

        ArrayNode results = run.putArray("results");
        ArrayNode waived = F.arrayNode();
        int written = 0;
        int left = 0;
        for (RepositoryReport r : reports) {
            for (Finding f : r.findings()) {
                TreeLocations.Located loc = locations.locate(r, f);
                String key = FindingKeys.key(r.name(), f);
                if (f.waived()) {
                    ObjectNode w = waived.addObject();
                    w.put("ruleId", f.rule());
                    w.put("repository", r.name());
                    w.put("fingerprint", key);
                    w.put("reason", f.waiver().reason().label());
                    w.put("comment", f.waiver().comment());
                    w.put("expires", f.waiver().expires() == null ? null : f.waiver().expires().toString());
                    continue;
                }
                if (written == MAX_RESULTS) {
                    left++;
                    continue;
                }
                results.add(result(r, f, index.get(f.rule()), loc, key));
                written++;
            }
        }
        ObjectNode props = run.putObject("properties");
        props.set("waived", waived);
        if (left > 0) {
            props.put("resultsLeftOut", left);
        }
        // The same three-state verdict as JSON and CycloneDX (a review is not a pass): the worst of the repositories.
        if (reports.stream().allMatch(RepositoryReport::isCheck)) {
            Verdict worst = reports.stream().map(RepositoryReport::verdict).max(java.util.Comparator.naturalOrder()).orElse(Verdict.PASS);
            props.put("verdict", worst.machine());
            props.put("summary", worst.plain());
        }
        ArrayNode repos = props.putArray("repositories");
        for (RepositoryReport r : reports) {
            ObjectNode o = repos.addObject();
            o.put("name", r.name());
            o.put("path", r.path());
            if (r.revision() != null) {
                // The commit read (a cache snapshot, a Hub revision): a record of which files were judged.
                o.put("revision", r.revision());
                o.put("source", r.origin().kind());
            }
            o.put("verdict", r.verdict().machine());
            o.put("license", r.identification().license() == null ? null : r.identification().license().id());
        }
        return run;
    }

    private ObjectNode result(RepositoryReport r, Finding f, int ruleIndex, TreeLocations.Located loc, String key) {
        ObjectNode res = F.objectNode();
        res.put("ruleId", f.rule());
        res.put("ruleIndex", ruleIndex);
        res.put("level", level(f.severity()));
        String where = f.license() == null ? "" : " [" + f.license() + (f.clause() == null ? "" : " " + f.clause()) + "]";
        res.putObject("message").put("text", r.name() + ": " + f.message() + where + (f.remediation().isEmpty() ? "" : " Fix: " + f.remediation()));
        ObjectNode phys = res.putArray("locations").addObject().putObject("physicalLocation");
        ObjectNode artifact = phys.putObject("artifactLocation");
        artifact.put("uri", loc.uri());
        artifact.put("uriBaseId", "%SRCROOT%");
        phys.putObject("region").put("startLine", loc.line());
        if (!loc.related().isEmpty()) {
            ArrayNode related = res.putArray("relatedLocations");
            int id = 1;
            for (TreeLocations.Located.Related rel : loc.related()) {
                if (id > MAX_RELATED) {
                    break;
                }
                ObjectNode o = related.addObject();
                o.put("id", id++);
                ObjectNode p = o.putObject("physicalLocation");
                p.putObject("artifactLocation").put("uri", rel.uri()).put("uriBaseId", "%SRCROOT%");
                p.putObject("region").put("startLine", rel.line());
            }
        }
        ObjectNode fp = res.putObject("partialFingerprints");
        fp.put("primaryLocationLineHash", lineHash(loc));
        fp.put("canship/v1", key);
        ObjectNode props = res.putObject("properties");
        props.put("repository", r.name());
        props.put("repositoryPath", r.path());
        props.put("kind", f.kind().name());
        props.put("license", f.license());
        props.put("clause", f.clause());
        props.put("remediation", f.remediation());
        if (!loc.elsewhere().isEmpty()) {
            ArrayNode e = props.putArray("evidenceOutsideTree");
            loc.elsewhere().forEach(e::add);
        }
        return res;
    }

    private ObjectNode descriptor(String id, Finding sample, BuildInfo build) {
        ObjectNode d = F.objectNode();
        d.put("id", id);
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
            help.put("markdown", sample.remediation());
        }
        Severity severity = e == null ? sample.severity() : Severity.parse(e.severity());
        d.putObject("defaultConfiguration").put("level", level(severity));
        ObjectNode props = d.putObject("properties");
        ArrayNode tags = props.putArray("tags").add("license-compliance").add(sample.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        props.put("version", build.ruleVersion(id));
        // GitHub ranks alerts by problem.severity; security-severity (0-10) only for findings that are security
        // problems (a checkpoint that runs code when loaded), tagged so GitHub shows them as such.
        props.put("problem.severity", severity == Severity.ERROR ? "error" : severity == Severity.WARNING ? "warning" : "recommendation");
        if (sample.kind().name().equals("UNSAFE_SERIALIZATION")) {
            tags.add("security");
            props.put("security-severity", severity == Severity.ERROR ? "8.8" : "5.0");
        }
        return d;
    }

    /**
     * A hash of the primary location's line text (whitespace ignored) and its place: unchanged while that line is,
     * wherever it moves in the file.
     */
    private static String lineHash(TreeLocations.Located loc) {
        String text = "";
        if (loc.file() != null) {
            // Bounded: the evidence may be a multi-gigabyte checkpoint with no line breaks at all.
            try (var in = Files.newInputStream(loc.file())) {
                String head = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
                String[] lines = head.split("\n", loc.line() + 1);
                text = lines.length >= loc.line() ? lines[loc.line() - 1].replaceAll("\\s+", "") : "";
            } catch (IOException e) {
                text = "";
            }
        }
        return FindingKeys.sha256(loc.uri() + "\0" + text).substring(0, 16) + ":1";
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
