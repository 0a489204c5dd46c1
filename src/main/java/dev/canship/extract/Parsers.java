package dev.canship.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canship.inventory.ScanLimits;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Jackson mappers with the read constraints of {@link ScanLimits}: bounded nesting, string and document
 * sizes, and YAML aliases (so a "billion laughs" card costs nothing). Every reader of untrusted JSON or
 * YAML in canship goes through these.
 */
public final class Parsers {

    private Parsers() {
    }

    public static StreamReadConstraints constraints(ScanLimits limits, long maxDocument) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength((int) Math.min(maxDocument, Integer.MAX_VALUE))
                .maxDocumentLength(maxDocument)
                .maxNumberLength(100)
                .maxNameLength(50_000)
                .build();
    }

    /** A JSON mapper for repository files (config.json, indexes). */
    public static ObjectMapper json(ScanLimits limits) {
        JsonFactory f = JsonFactory.builder().streamReadConstraints(constraints(limits, limits.maxConfigBytes())).build();
        return new ObjectMapper(f);
    }

    /** A YAML mapper for untrusted YAML (card front matter, user files). */
    public static YAMLMapper yaml(ScanLimits limits, long maxDocument) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxYamlAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit((int) Math.min(maxDocument, Integer.MAX_VALUE));
        options.setAllowRecursiveKeys(false);
        YAMLFactory f = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(constraints(limits, maxDocument))
                .build();
        return new YAMLMapper(f);
    }
}
