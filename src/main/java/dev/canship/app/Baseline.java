package dev.canship.app;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonFactory;
import dev.canship.BadInputException;
import dev.canship.finding.Finding;
import dev.canship.report.Drift;
import dev.canship.report.FindingKeys;
import dev.canship.report.RepositoryReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An earlier {@code check --format json} report, to say what changed since: findings that are new, findings that
 * were resolved, a governing license or a verdict that changed. Findings are matched by their stable fingerprint;
 * a report written before fingerprints were recorded has them worked out from the same fields.
 */
public final class Baseline {

    /** Larger than any report of a few hundred repositories; a baseline file is read whole. */
    static final long MAX_BYTES = 64L << 20;

    private record Earlier(String license, String verdict, Map<String, String> findings) {
    }

    private final String file;
    private final Map<String, Earlier> byName;

    private Baseline(String file, Map<String, Earlier> byName) {
        this.file = file;
        this.byName = byName;
    }

    /** Reads a JSON check report (one object or an array of them); bad input is one line naming the file. */
    public static Baseline read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(file + ": --baseline needs an earlier 'canship check --format json' report (a regular file)");
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new BadInputException(file + ": baseline larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            JsonFactory f = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();
            root = new ObjectMapper(f).readTree(bytes);
        } catch (IOException e) {
            throw new BadInputException(file + ": not a JSON report (" + firstLine(e.getMessage()) + ")");
        }
        List<JsonNode> reports = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(reports::add);
        } else if (root != null && root.isObject()) {
            reports.add(root);
        }
        Map<String, Earlier> byName = new LinkedHashMap<>();
        for (JsonNode r : reports) {
            if (!r.path("schema").asText().startsWith("canship-check/")) {
                throw new BadInputException(file + ": not a canship check report (schema '" + r.path("schema").asText() + "'); write one with check --format json");
            }
            String name = r.path("name").asText();
            Map<String, String> findings = new HashMap<>();
            for (JsonNode f : r.path("findings")) {
                String fp = f.hasNonNull("fingerprint") ? f.path("fingerprint").asText() : legacyKey(name, f);
                findings.put(fp, f.path("rule").asText());
            }
            String license = r.path("license").isObject() ? r.path("license").path("id").asText(null) : null;
            byName.put(name, new Earlier(license, r.path("verdict").asText(null), findings));
        }
        if (byName.isEmpty()) {
            throw new BadInputException(file + ": holds no check report");
        }
        return new Baseline(file.toString(), byName);
    }

    /** The report with what changed since this baseline. */
    public RepositoryReport compare(RepositoryReport now) {
        Earlier before = byName.get(now.name());
        List<String> added = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Finding f : now.findings()) {
            String fp = FindingKeys.key(now.name(), f);
            seen.put(fp, f.rule());
            if (before == null || !before.findings().containsKey(fp)) {
                added.add(fp);
            }
        }
        List<String> resolved = new ArrayList<>();
        if (before != null) {
            before.findings().entrySet().stream().filter(e -> !seen.containsKey(e.getKey()))
                    .map(e -> e.getValue() + " " + e.getKey()).sorted().forEach(resolved::add);
        }
        return now.withDrift(new Drift(file, before != null, added, resolved,
                before == null ? null : before.license(), before == null ? null : before.verdict()));
    }

    /** The fingerprint of a finding of a report that predates fingerprints, from the fields it is made of. */
    private static String legacyKey(String name, JsonNode f) {
        List<String> files = new ArrayList<>();
        for (JsonNode e : f.path("evidence")) {
            if (e.hasNonNull("file")) {
                files.add(e.path("file").asText());
            }
        }
        return FindingKeys.key(name, f.path("rule").asText(), f.path("license").asText(null), f.path("clause").asText(null), files);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
