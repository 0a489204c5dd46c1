package dev.canship.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canship.finding.Finding;
import dev.canship.finding.Severity;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * GitLab's Code Quality report: the subset of the Code Climate issue format GitLab reads ({@code description},
 * {@code check_name}, {@code fingerprint}, {@code severity}, {@code location.path}, {@code location.lines.begin}),
 * one issue per unwaived finding, located like SARIF results (a file of the checked-out tree). GitLab shows them in
 * the merge request widget and diff.
 */
public final class CodeQualityReporter implements Reporter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final TreeLocations locations;

    /** Locations relative to the current working directory (the checkout, in a pipeline). */
    public CodeQualityReporter() {
        this(Path.of(""));
    }

    public CodeQualityReporter(Path base) {
        this.locations = new TreeLocations(base.toAbsolutePath().normalize());
    }

    @Override
    public String render(List<RepositoryReport> reports) {
        ArrayNode issues = F.arrayNode();
        for (RepositoryReport r : reports) {
            for (Finding f : r.findings()) {
                if (f.waived()) {
                    // A waiver is a decision already taken; the merge request shows what is still open.
                    continue;
                }
                TreeLocations.Located loc = locations.locate(r, f);
                ObjectNode o = issues.addObject();
                o.put("type", "issue");
                String clause = f.license() == null ? "" : " [" + f.license() + (f.clause() == null ? "" : " " + f.clause()) + "]";
                o.put("description", r.name() + ": " + f.message() + clause + (f.remediation().isEmpty() ? "" : " Fix: " + f.remediation()));
                o.put("check_name", f.rule());
                o.put("fingerprint", FindingKeys.key(r.name(), f));
                o.put("severity", severity(f.severity()));
                o.putArray("categories").add("Compliance");
                ObjectNode location = o.putObject("location");
                location.put("path", loc.uri());
                location.putObject("lines").put("begin", loc.line());
            }
        }
        try {
            return MAPPER.writeValueAsString(issues) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Code Climate's scale: info, minor, major, critical, blocker. An error blocks shipping. */
    static String severity(Severity s) {
        return switch (s) {
            case ERROR -> "blocker";
            case WARNING -> "major";
            case INFO -> "info";
        };
    }
}
