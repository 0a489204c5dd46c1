package dev.canship.deployment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canship.BadInputException;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a deployment description (YAML or JSON, schema version 1). Every problem is a
 * {@link BadInputException} whose one-line message names the file, the line, the field and what is wrong,
 * so a pipeline log points straight at the mistake.
 */
public final class DeploymentReader {

    private static final long MAX_BYTES = 1L << 20;

    private final Set<String> knownUses;

    /** @param knownUses the use-case vocabulary; a declared use outside it is an error that lists it */
    public DeploymentReader(Set<String> knownUses) {
        this.knownUses = new TreeSet<>(knownUses);
    }

    public Deployment read(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(file + ": is a folder, not a deployment description; name the YAML or JSON file "
                        + "(write one with 'canship init', or pass -d - to read it from standard input)");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new BadInputException(file + ": is not a regular file (a pipe, socket or device); "
                        + "pass -d - to read the deployment description from standard input");
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": deployment description not found (write one with 'canship init')");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException(file + ": deployment description larger than 1 MiB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(file, text);
    }

    /**
     * Reads a description from a stream (standard input), at most 1 MiB, named {@code shownAs} in every message.
     * The stream is not closed: it belongs to the caller.
     */
    public Deployment read(java.io.InputStream in, Path shownAs) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw new BadInputException(shownAs + ": cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new BadInputException(shownAs + ": deployment description larger than 1 MiB");
        }
        return parse(shownAs, new String(bytes, StandardCharsets.UTF_8));
    }

    public Deployment parse(Path file, String text) {
        boolean json = text.stripLeading().startsWith("{");
        ObjectMapper mapper = json ? JSON : YAML;
        String format = json ? "JSON" : "YAML";
        if (InputMistakes.isEmpty(mapper, text)) {
            throw new BadInputException(file + ": empty deployment description; start it with 'canship: 1' "
                    + "(see samples/deployments, or write one with 'canship init')");
        }
        int tab = json ? 0 : InputMistakes.tabIndentedLine(text);
        if (tab > 0) {
            throw error(file, tab, "", InputMistakes.TAB_INDENT);
        }
        Map<String, Integer> lines = fieldLines(file, mapper, text, !json);
        Raw raw;
        try {
            raw = mapper.readValue(text, Raw.class);
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            Set<String> known = e.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
            throw error(file, lines.getOrDefault(path, line(e)), path, "unknown field" + dev.canship.Suggest.didYouMean(e.getPropertyName(), known)
                    + " (known here: " + String.join(", ", known) + ")");
        } catch (JsonMappingException e) {
            String path = path(e);
            if (path.isEmpty() && !(e.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException)) {
                throw error(file, line(e), "", "a deployment description is a group of 'name: value' fields starting with 'canship: 1', "
                        + "not a list or a single value (see samples/deployments)");
            }
            throw error(file, lines.getOrDefault(path, line(e)), path, InputMistakes.explain(e, format, example(path), text));
        } catch (JacksonException e) {
            throw error(file, line(e), "", InputMistakes.explain(e, format, null, text));
        }
        if (raw == null) {
            throw new BadInputException(file + ": empty deployment description; start it with 'canship: 1'");
        }
        if (!json) {
            secondDocument(file, text);
        }
        return new Validator(file, lines).validate(raw);
    }

    /** A field written right, shown when its value has the wrong shape; keyed by dotted path without list indexes. */
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("canship", "canship: 1"),
            Map.entry("organization", "organization: (then indented lines such as '  country: US')"),
            Map.entry("organization.name", "name: Acme Inc."),
            Map.entry("organization.country", "country: US"),
            Map.entry("organization.monthly_active_users", "monthly_active_users: 12000000"),
            Map.entry("organization.annual_revenue_usd", "annual_revenue_usd: 5000000"),
            Map.entry("organization.monthly_revenue_usd", "monthly_revenue_usd: 400000"),
            Map.entry("model", "model: (then indented lines such as '  distribution: hosted')"),
            Map.entry("model.release_name", "release_name: Llama-Acme-Support"),
            Map.entry("model.changes", "changes: fine-tune"),
            Map.entry("model.distribution", "distribution: hosted"),
            Map.entry("model.modalities", "modalities: [text, image]"),
            Map.entry("model.outputs_train_models", "outputs_train_models: false"),
            Map.entry("model.removes_guardrails", "removes_guardrails: false"),
            Map.entry("product", "product: (then indented lines such as '  commercial: true')"),
            Map.entry("product.commercial", "commercial: true"),
            Map.entry("product.monthly_active_users", "monthly_active_users: 250000"),
            Map.entry("product.attribution", "attribution: [website, ui]"),
            Map.entry("product.uses", "uses: [chatbot, search] ('canship uses' lists the ids)"),
            Map.entry("product.regions", "regions: [US, EU]"),
            Map.entry("product.purpose", "purpose: production"),
            Map.entry("product.discloses_machine_generated", "discloses_machine_generated: true"),
            Map.entry("hardware", "hardware: (then indented lines such as '  accelerator: h100-sxm')"),
            Map.entry("hardware.count", "count: 2 (between 1 and 4096)"),
            Map.entry("hardware.context_tokens", "context_tokens: 131072"),
            Map.entry("hardware.concurrent_sequences", "concurrent_sequences: 4"),
            Map.entry("hardware.memory_gib", "memory_gib: 80"),
            Map.entry("hardware.bandwidth_gbps", "bandwidth_gbps: 3350"),
            Map.entry("hardware.offload_experts", "offload_experts: true"));

    private static String example(String path) {
        return EXAMPLES.get(path.replaceAll("\\[\\d+\\]", ""));
    }

    /** The ISO 3166-1 alpha-2 country codes the JDK knows (ISO 3166 part 1 only: no exceptional reservations like UK, EU). */
    static final Set<String> ISO_COUNTRIES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    /** Shared and configured once (mappers are thread-safe once set up): their deserializers are built once a run. */
    private static final ObjectMapper YAML = configure(yamlMapper());
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    private static YAMLMapper yamlMapper() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // A user count of 1.5 is a mistake to report, not a number to truncate.
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        return mapper;
    }

    /** A second YAML document ({@code ---} after the first) would be silently ignored: one description per file. */
    private static void secondDocument(Path file, String text) {
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(text)) {
            p.nextToken();
            p.skipChildren();
            if (p.nextToken() != null) {
                throw error(file, p.currentTokenLocation().getLineNr(), "", "a second YAML document starts here; "
                        + "write one deployment per file (remove the '---' line and what follows, or move it to its own file)");
            }
        } catch (IOException e) {
            throw error(file, 0, "", "not valid YAML after the first document: " + firstLine(e.getMessage()));
        }
    }

    /** The line of every field, keyed by dotted path, read from the token stream so errors can point at it. */
    private static Map<String, Integer> fieldLines(Path file, ObjectMapper mapper, String text, boolean yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String pointer = p.getParsingContext().pathAsPointer().toString();
                    lines.putIfAbsent(pointer.substring(1).replace('/', '.'), p.currentTokenLocation().getLineNr());
                } else if (yaml && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)) {
                    numberSpelling(file, p);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            // Syntax errors are reported by the binding pass with their own location.
        }
        return lines;
    }

    /**
     * YAML 1.1, which the parser follows, reads {@code 0123} as octal (83) and {@code 0x10} as hex: a user count typed
     * with a leading zero would silently become another, smaller number and could pass a threshold it is above. Only
     * plain decimal digits (with optional {@code _} separators) are accepted; the raw spelling is checked on the token
     * because the bound value no longer shows it.
     */
    private static void numberSpelling(Path file, JsonParser p) throws IOException {
        String raw = p.getText().strip();
        String digits = raw.startsWith("-") || raw.startsWith("+") ? raw.substring(1) : raw;
        if (digits.length() > 1 && digits.charAt(0) == '0' && Character.isLetterOrDigit(digits.charAt(1))) {
            String pointer = p.getParsingContext().pathAsPointer().toString();
            String path = pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.').replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
            throw error(file, p.currentTokenLocation().getLineNr(), path, "'" + raw + "' is not a plain decimal number: YAML reads "
                    + "a leading zero as octal or hex (0123 means 83), so the value would change; write the number in "
                    + "decimal digits without a leading zero (for example 1234567012)");
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static int line(JacksonException e) {
        return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
    }

    static BadInputException error(Path file, int line, String field, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return new BadInputException(sb.append(problem).toString());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown reason";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** Turns the bound raw values into a {@link Deployment}, checking ranges and vocabularies. */
    private final class Validator {
        private final Path file;
        private final Map<String, Integer> lines;

        Validator(Path file, Map<String, Integer> lines) {
            this.file = file;
            this.lines = lines;
        }

        /** How to write a country that is not an ISO code: the code meant, when one is obvious. */
        private static String countryHint(String code) {
            return switch (code) {
                case "UK" -> "write GB for the United Kingdom";
                case "EL" -> "write GR for Greece";
                case "EU", "EEA" -> "name the member state the organization is established in (e.g. DE, FR, IE)";
                default -> "write the two-letter code, e.g. US, DE, GB, FR";
            };
        }

        private BadInputException fail(String field, String problem) {
            return error(file, lines.getOrDefault(field, lines.getOrDefault(parent(field), 0)), field, problem);
        }

        /** An optional amount: null stays null (unknown), a negative one is bad input. */
        private Long nonNegative(Long value, String field) {
            if (value != null && value < 0) {
                throw fail(field, "must not be negative");
            }
            return value;
        }

        private String parent(String field) {
            int dot = field.lastIndexOf('.');
            return dot < 0 ? field : field.substring(0, dot);
        }

        private <T> T required(T value, String field) {
            if (value == null) {
                throw fail(field, "required field is missing");
            }
            return value;
        }

        Deployment validate(Raw raw) {
            Integer version = required(raw.canship, "canship");
            if (version != 1) {
                throw fail("canship", "schema version " + version + " is not supported (this canship reads version 1)");
            }
            RawOrganization ro = required(raw.organization, "organization");
            String country = required(ro.country, "organization.country").strip().toUpperCase(Locale.ROOT);
            if (!ISO_COUNTRIES.contains(country)) {
                throw fail("organization.country", "'" + ro.country + "' is not an ISO 3166-1 alpha-2 country code; " + countryHint(country));
            }
            long mau = required(ro.monthlyActiveUsers, "organization.monthly_active_users");
            if (mau < 0) {
                throw fail("organization.monthly_active_users", "must not be negative");
            }
            Long annualRevenue = nonNegative(ro.annualRevenueUsd, "organization.annual_revenue_usd");
            Long monthlyRevenue = nonNegative(ro.monthlyRevenueUsd, "organization.monthly_revenue_usd");
            var organization = new Deployment.Organization(ro.name, country, mau, annualRevenue, monthlyRevenue);

            RawModel rm = required(raw.model, "model");
            Change change = enumValue(rm.changes, "model.changes", Change.NONE, Change.values(), Change::label);
            Distribution distribution = enumValue(required(rm.distribution, "model.distribution"), "model.distribution", null, Distribution.values(), Distribution::label);
            if (rm.releaseName != null && rm.releaseName.isBlank()) {
                throw fail("model.release_name", "is empty; omit it when the model is not offered under a name");
            }
            List<String> modalities = rm.modalities == null ? List.of("text") : lower(rm.modalities);
            for (String m : modalities) {
                if (!Set.of("text", "image", "audio", "video").contains(m)) {
                    throw fail("model.modalities", "unknown modality '" + m + "' (known: text, image, audio, video)");
                }
            }
            var model = new Deployment.ModelUse(rm.releaseName, change, distribution, modalities, Boolean.TRUE.equals(rm.outputsTrainModels),
                    Boolean.TRUE.equals(rm.removesGuardrails));

            RawProduct rp = raw.product == null ? new RawProduct() : raw.product;
            List<AttributionPlace> places = new ArrayList<>();
            for (String a : rp.attribution == null ? List.<String>of() : rp.attribution) {
                places.add(enumValue(a, "product.attribution", null, AttributionPlace.values(), AttributionPlace::label));
            }
            List<String> uses = rp.uses == null ? List.of() : lower(rp.uses);
            for (String u : uses) {
                if (!knownUses.contains(u)) {
                    String hint = dev.canship.Suggest.didYouMean(u, knownUses);
                    throw fail("product.uses", "unknown use '" + u + "'" + (hint.isEmpty()
                            ? " ('canship uses' lists the ids: " + String.join(", ", knownUses) + ")"
                            : hint + " ('canship uses' lists the ids)"));
                }
            }
            List<String> regions = rp.regions == null ? List.of() : rp.regions.stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
            for (String r : regions) {
                if (!ISO_COUNTRIES.contains(r) && !Set.of("EU", "EEA", "GLOBAL").contains(r)) {
                    throw fail("product.regions", "'" + r + "' is not an ISO 3166-1 alpha-2 country code, EU, EEA or GLOBAL; "
                            + countryHint(r));
                }
            }
            String purpose = rp.purpose == null ? null : rp.purpose.trim().toLowerCase(Locale.ROOT);
            if (purpose != null && !Deployment.Product.PURPOSES.contains(purpose)) {
                throw fail("product.purpose", "unknown value '" + rp.purpose + "' (known: " + String.join(", ", Deployment.Product.PURPOSES) + ")");
            }
            if (rp.monthlyActiveUsers != null && rp.monthlyActiveUsers < 0) {
                throw fail("product.monthly_active_users", "must not be negative");
            }
            var product = new Deployment.Product(rp.name, rp.commercial == null || rp.commercial, rp.monthlyActiveUsers, List.copyOf(places),
                    Boolean.TRUE.equals(rp.shipsLicenseCopy), Boolean.TRUE.equals(rp.shipsNotice), Boolean.TRUE.equals(rp.passesUsePolicy),
                    uses, rp.useDescription, regions, purpose, Boolean.TRUE.equals(rp.disclosesMachineGenerated));

            Deployment.Hardware hardware = null;
            if (raw.hardware != null) {
                RawHardware h = raw.hardware;
                if (h.accelerator == null && h.memoryGib == null) {
                    throw fail("hardware.accelerator", "name an accelerator id, or give memory_gib and bandwidth_gbps for a custom device");
                }
                if (h.memoryGib != null && !(h.memoryGib > 0 && h.memoryGib <= 1e9)) {
                    throw fail("hardware.memory_gib", "must be a positive number of GiB, e.g. memory_gib: 80");
                }
                if (h.bandwidthGbps != null && !(h.bandwidthGbps > 0 && h.bandwidthGbps <= 1e9)) {
                    throw fail("hardware.bandwidth_gbps", "must be a positive number of GB/s, e.g. bandwidth_gbps: 3350");
                }
                int count = h.count == null ? 1 : h.count;
                if (count < 1 || count > 4096) {
                    throw fail("hardware.count", "must be between 1 and 4096");
                }
                long ctx = h.contextTokens == null ? 8192 : h.contextTokens;
                if (ctx < 1 || ctx > 100_000_000L) {
                    throw fail("hardware.context_tokens", "must be between 1 and 100000000");
                }
                int seqs = h.concurrentSequences == null ? 1 : h.concurrentSequences;
                if (seqs < 1 || seqs > 100_000) {
                    throw fail("hardware.concurrent_sequences", "must be between 1 and 100000");
                }
                hardware = new Deployment.Hardware(h.accelerator == null ? null : h.accelerator.toLowerCase(Locale.ROOT), count,
                        h.precision == null ? "native" : h.precision.toLowerCase(Locale.ROOT), ctx, seqs, h.memoryGib, h.bandwidthGbps,
                        Boolean.TRUE.equals(h.offloadExperts));
            }
            return new Deployment(version, organization, model, product, hardware, file, Map.copyOf(lines));
        }

        private <E extends Enum<E>> E enumValue(String value, String field, E fallback, E[] values, Function<E, String> label) {
            if (value == null) {
                return fallback;
            }
            for (E e : values) {
                if (label.apply(e).equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
            String known = java.util.Arrays.stream(values).map(label).collect(Collectors.joining(", "));
            throw fail(field, "unknown value '" + value + "' (known: " + known + ")");
        }

        private List<String> lower(List<String> values) {
            return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
        }
    }

    // Raw shapes: boxed so that a missing field can be told from a default.
    record Raw(Integer canship, RawOrganization organization, RawModel model, RawProduct product, RawHardware hardware) {
    }

    record RawOrganization(String name, String country, Long monthlyActiveUsers, Long annualRevenueUsd, Long monthlyRevenueUsd) {
    }

    record RawModel(String releaseName, String changes, String distribution, List<String> modalities, Boolean outputsTrainModels,
                    Boolean removesGuardrails) {
    }


    record RawProduct(String name, Boolean commercial, Long monthlyActiveUsers, List<String> attribution, Boolean shipsLicenseCopy, Boolean shipsNotice,
                      Boolean passesUsePolicy, List<String> uses, String useDescription, List<String> regions, String purpose,
                      Boolean disclosesMachineGenerated) {
        RawProduct() {
            this(null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    record RawHardware(String accelerator, Integer count, String precision, Long contextTokens, Integer concurrentSequences,
                       Double memoryGib, Double bandwidthGbps, Boolean offloadExperts) {
    }
}
