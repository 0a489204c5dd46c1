package dev.canship.finding;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canship.BadInputException;
import dev.canship.deployment.InputMistakes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads a policy file (YAML). Every problem is one line naming the file, field and reason. */
public final class PolicyReader {

    private final Set<String> knownRules;
    private final Set<String> knownLicenses;

    /** @param knownRules rule ids that exist; @param knownLicenses license ids canship knows */
    public PolicyReader(Set<String> knownRules, Set<String> knownLicenses) {
        this.knownRules = new TreeSet<>(knownRules);
        this.knownLicenses = new TreeSet<>(knownLicenses);
    }

    record Raw(Integer canshipPolicy, RawLicenses licenses, Map<String, String> severity, List<RawWaiver> waivers) {
    }

    record RawLicenses(List<String> allow, List<String> deny) {
    }

    record RawWaiver(String rule, String model, String path, String reason, String comment, String expires) {
    }

    /** Shared and configured once: a policy is read once a run, but its deserializers need not be built twice. */
    private static final YAMLMapper YAML = configure();

    private static YAMLMapper configure() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(1 << 20);
        YAMLMapper m = new YAMLMapper(com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder().loaderOptions(options).build());
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        m.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        m.configure(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        return m;
    }

    /** The line of each field and list item of the file being read, for errors found after binding. */
    private Map<String, Integer> lines = Map.of();

    public Policy read(Path file) {
        Raw raw;
        String text = null;
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(file + ": is a folder, not a policy file; name the YAML file");
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": policy file not found");
            }
            if (Files.size(file) > (1 << 20)) {
                throw new BadInputException(file + ": policy file larger than 1 MiB");
            }
            text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            if (InputMistakes.isEmpty(YAML, text)) {
                throw new BadInputException(file + ": empty policy file; start it with 'canship_policy: 1' (see README, Policy file)");
            }
            int tab = InputMistakes.tabIndentedLine(text);
            if (tab > 0) {
                throw new BadInputException(file + ":" + tab + ": " + InputMistakes.TAB_INDENT);
            }
            lines = InputMistakes.lines(YAML, text);
            raw = YAML.readValue(text, Raw.class);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw new BadInputException(file + where(e) + ": unknown field '" + e.getPropertyName() + "'"
                    + dev.canship.Suggest.didYouMean(e.getPropertyName(), known) + " (known: " + String.join(", ", known) + ")");
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (path.isEmpty() && !(e.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException)) {
                throw new BadInputException(file + where(e) + ": a policy file is a group of 'name: value' fields starting with "
                        + "'canship_policy: 1', not a list or a single value");
            }
            throw new BadInputException(file + where(e) + ": " + (path.isEmpty() ? "" : path + ": ") + InputMistakes.explain(e, "YAML", null, text));
        } catch (JacksonException e) {
            throw new BadInputException(file + where(e) + ": " + InputMistakes.explain(e, "YAML", null, text));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (raw == null) {
            return Policy.NONE;
        }
        if (raw.canshipPolicy() == null || raw.canshipPolicy() != 1) {
            throw new BadInputException(file + at("canship_policy") + ": canship_policy: must be 1 (the policy schema version)");
        }
        Set<String> allow = ids(file, "licenses.allow", raw.licenses() == null ? null : raw.licenses().allow());
        Set<String> deny = ids(file, "licenses.deny", raw.licenses() == null ? null : raw.licenses().deny());
        Map<String, Severity> severity = new LinkedHashMap<>();
        if (raw.severity() != null) {
            for (Map.Entry<String, String> e : raw.severity().entrySet()) {
                rule(file, "severity", e.getKey(), "severity." + e.getKey());
                try {
                    severity.put(e.getKey(), Severity.parse(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new BadInputException(file + at("severity." + e.getKey()) + ": severity." + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        List<Policy.WaiverSpec> waivers = new ArrayList<>();
        if (raw.waivers() != null) {
            for (int i = 0; i < raw.waivers().size(); i++) {
                RawWaiver w = raw.waivers().get(i);
                String at = "waivers[" + i + "]";
                if (w.rule() == null) {
                    throw new BadInputException(file + at("waivers." + i) + ": " + at + ".rule: required field is missing");
                }
                rule(file, at + ".rule", w.rule(), "waivers." + i + ".rule");
                if (w.reason() == null) {
                    throw new BadInputException(file + at("waivers." + i) + ": " + at + ".reason: required field is missing");
                }
                WaiverReason reason;
                try {
                    reason = WaiverReason.parse(w.reason());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(file + at("waivers." + i + ".reason") + ": " + at + ".reason: " + e.getMessage());
                }
                LocalDate expires = null;
                if (w.expires() != null) {
                    try {
                        expires = LocalDate.parse(w.expires());
                    } catch (DateTimeParseException e) {
                        throw new BadInputException(file + at("waivers." + i + ".expires") + ": " + at + ".expires: '" + w.expires() + "' is not a date (YYYY-MM-DD)");
                    }
                }
                waivers.add(new Policy.WaiverSpec(w.rule(), w.model(), w.path(), reason, w.comment(), expires));
            }
        }
        return new Policy(allow, deny, severity, waivers);
    }

    /** ":LINE" of a dotted field path in the file being read, or nothing when unknown. */
    private String at(String field) {
        Integer line = lines.get(field);
        return line == null ? "" : ":" + line;
    }

    private void rule(Path file, String field, String rule, String linePath) {
        if (!knownRules.contains(rule)) {
            throw new BadInputException(file + at(linePath) + ": " + field + ": unknown rule '" + rule + "' (see 'canship explain' for the list)");
        }
    }

    private Set<String> ids(Path file, String field, List<String> ids) {
        Set<String> out = new TreeSet<>();
        if (ids != null) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String l = id.toLowerCase(Locale.ROOT);
                if (!knownLicenses.contains(l)) {
                    throw new BadInputException(file + at(field + "." + i) + ": " + field + ": unknown license id '" + id + "' (see 'canship licenses')");
                }
                out.add(l);
            }
        }
        return out;
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : ":" + e.getLocation().getLineNr();
    }
}
