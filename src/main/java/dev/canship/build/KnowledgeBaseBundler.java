package dev.canship.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canship.identify.KnowledgeBaseValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * BUILD-TIME ONLY (exec-maven-plugin, process-classes). Bundles the knowledge base in {@code licenses/} (one
 * YAML file per license and policy, as reviewers edit them) into one JSON resource, so that a run reads one
 * small file instead of listing a 60 MB jar and parsing some forty YAML documents at every start. Validates it
 * first against licenses/schemas and across files ({@link KnowledgeBaseValidator}): a problem fails the build.
 * Args: licensesDir classesDir.
 */
public final class KnowledgeBaseBundler {

    /** The bundle's place on the class path; {@code dev.canship.identify.KnowledgeBase} reads it. */
    public static final String BUNDLE = "licenses/knowledge-base.json";

    private KnowledgeBaseBundler() {
    }

    public static void main(String[] args) throws IOException {
        Path licenses = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        // A typo'd key, a wrong enum value or a dangling id fails the build here, with file:line and key, instead
        // of being dropped silently when the data is bound to records at run time.
        List<KnowledgeBaseValidator.Problem> problems = KnowledgeBaseValidator.validateKnowledgeBase(licenses);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("licenses/" + p));
            throw new IllegalStateException(problems.size() + " problem(s) in the license knowledge base (listed above)");
        }
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.set("catalog", trees(yaml, licenses.resolve("catalog")));
        root.set("policies", trees(yaml, licenses.resolve("policies")));
        root.set("uses", yaml.readTree(licenses.resolve("uses.yaml").toFile()));
        root.set("lexicon", yaml.readTree(licenses.resolve("lexicon.yaml").toFile()));
        root.set("lineage", yaml.readTree(licenses.resolve("lineage.yaml").toFile()).path("lineage"));
        root.set("regions", yaml.readTree(licenses.resolve("regions.yaml").toFile()).path("regions"));
        root.set("duties", yaml.readTree(licenses.resolve("duties.yaml").toFile()));
        root.set("exceptions", yaml.readTree(licenses.resolve("exceptions.yaml").toFile()).path("exceptions"));
        root.set("statements", yaml.readTree(licenses.resolve("statements.yaml").toFile()).path("statements"));
        Path out = classes.resolve(BUNDLE);
        Files.createDirectories(out.getParent());
        new ObjectMapper().writeValue(out.toFile(), root);
        System.out.println("knowledge-base: " + root.get("catalog").size() + " licenses, " + root.get("policies").size()
                + " policies -> " + out);
    }

    private static ArrayNode trees(YAMLMapper yaml, Path dir) throws IOException {
        ArrayNode arr = new ObjectMapper().createArrayNode();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode n = yaml.readTree(f.toFile());
            if (n == null || !n.isObject()) {
                throw new IllegalStateException(f + ": not a YAML mapping");
            }
            ((ObjectNode) n).put("_file", dir.getFileName() + "/" + f.getFileName());
            arr.add(n);
        }
        return arr;
    }
}
