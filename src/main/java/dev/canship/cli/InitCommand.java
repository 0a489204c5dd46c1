package dev.canship.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canship.BadInputException;
import dev.canship.deployment.AttributionPlace;
import dev.canship.deployment.Change;
import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.deployment.Distribution;
import dev.canship.fit.Accelerator;
import dev.canship.fit.AcceleratorCatalog;
import dev.canship.identify.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code canship init}: writes a deployment description from answers in plain words, so that a reviewer who never
 * writes YAML can run {@code canship check}. Answers come from flags, from standard input (one a line, in question
 * order) or, on a terminal, from prompts that say why each question matters. The file is read back with
 * {@link DeploymentReader} before it is written, so init never leaves a description check would refuse.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a deployment description by answering questions in plain words.",
                "On a terminal, canship asks each question with its default and why it matters. Otherwise the answers are read from "
                        + "standard input, one a line in question order (an empty line takes the default), or given as flags: "
                        + "with any answer flag, standard input is not read and unanswered questions take their defaults. "
                        + "Country and monthly active users have no default."})
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "deployment.yaml",
            description = "Where to write the description (default: ${DEFAULT-VALUE}; its folder must exist, never a symlink).")
    Path output;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    boolean force;

    @Option(names = "--organization", paramLabel = "NAME", description = "The organization's legal name.")
    String organization;
    @Option(names = "--country", paramLabel = "CC", description = "Country of the principal place of business (ISO code, e.g. US, DE, GB).")
    String country;
    @Option(names = "--users", paramLabel = "N", description = "Monthly active users of all the organization's products (12000000, 12,000,000 or 12M).")
    String users;
    @Option(names = "--commercial", paramLabel = "yes|no", description = "Whether the product earns money or serves a business.")
    String commercial;
    @Option(names = "--distribution", paramLabel = "HOW", description = "internal, hosted or weights.")
    String distribution;
    @Option(names = "--release-name", paramLabel = "NAME", description = "The name a derived model is released under (none when not released).")
    String releaseName;
    @Option(names = "--changes", paramLabel = "CHANGE", description = "none, fine-tune, quantize, merge, distill or adapter.")
    String changes;
    @Option(names = "--modalities", paramLabel = "LIST", description = "Inputs used: text, image, audio, video (comma-separated).")
    String modalities;
    @Option(names = "--attribution", paramLabel = "LIST", description = "Where the license's attribution is shown: website, ui, blog, about, docs, or none.")
    String attribution;
    @Option(names = "--ships-license-copy", paramLabel = "yes|no", description = "Whether a copy of the license goes with the model or product.")
    String shipsLicenseCopy;
    @Option(names = "--ships-notice", paramLabel = "yes|no", description = "Whether the license's notice file goes with it.")
    String shipsNotice;
    @Option(names = "--passes-use-policy", paramLabel = "yes|no", description = "Whether your terms bind your users to the model's use policy.")
    String passesUsePolicy;
    @Option(names = "--uses", paramLabel = "LIST", description = "What the product does: use ids from 'canship uses' (comma-separated), or none.")
    String uses;
    @Option(names = "--regions", paramLabel = "LIST", description = "Where the end users are: ISO codes, EU, EEA or GLOBAL (comma-separated).")
    String regions;
    @Option(names = "--purpose", paramLabel = "PURPOSE", description = "research, evaluation or production.")
    String purpose;
    @Option(names = "--outputs-train-models", paramLabel = "yes|no", description = "Whether the model's outputs train or improve another AI model.")
    String outputsTrainModels;
    @Option(names = "--removes-guardrails", paramLabel = "yes|no", description = "Whether the model's safety guardrails are removed or weakened.")
    String removesGuardrails;
    @Option(names = "--accelerator", paramLabel = "ID", description = "Accelerator id for the fit check (see 'canship fit --help'), or none.")
    String accelerator;
    @Option(names = "--count", paramLabel = "N", description = "How many accelerators serve the model (default 1; needs --accelerator).")
    String count;
    @Option(names = "--product-name", paramLabel = "NAME", description = "The name of the product the model serves.")
    String productName;
    @Option(names = "--annual-revenue", paramLabel = "USD", description = "Annual revenue of the last 12 months in US dollars (40000000 or 40M).")
    String annualRevenue;
    @Option(names = "--discloses-machine-generated", paramLabel = "yes|no",
            description = "Whether the product tells its users, wherever generated content appears, that it is machine-generated.")
    String disclosesMachineGenerated;

    /** One question: its key (the flag's name), the words asked, why it matters, its default (null: none) and its reader. */
    record Question(String key, String ask, String why, String fallback, Function<String, Object> read) {
    }

    private static final Set<String> YES = Set.of("y", "yes", "true", "1");
    private static final Set<String> NO = Set.of("n", "no", "false", "0");

    /** The questions in the order standard input answers them. */
    static List<Question> questions() {
        KnowledgeBase kb = KnowledgeBase.bundled();
        List<String> useIds = List.copyOf(kb.uses().keySet());
        return List.of(
                new Question("organization", "Organization's legal name", "shown in reports; leave empty to omit", "", s -> s),
                new Question("country", "Country of your principal place of business (ISO code such as US, DE, GB)",
                        "some licenses withhold rights from organizations in given countries or the EU", null, InitCommand::country),
                new Question("users", "Monthly active users of all your organization's products (e.g. 12000000 or 12M)",
                        "some licenses end at a user threshold (Llama: 700 million)", null, InitCommand::count),
                new Question("commercial", "Is the product commercial (earns money or serves a business)? yes/no",
                        "non-commercial licenses forbid it; the safe reading is yes", "yes", InitCommand::yesNo),
                new Question("distribution", "How is the model offered: internal (only your staff), hosted (a service for others), weights (you hand out the weights)?",
                        "handing out weights carries the most duties", "hosted",
                        s -> label(s, Distribution.values(), Distribution::label)),
                new Question("release-name", "Name a model you derive is released under (none if you release no model)",
                        "some licenses require the original's name in a derived model's name", "none", s -> none(s) ? null : s),
                new Question("changes", "What do you do to the model: none, fine-tune, quantize, merge, distill, adapter?",
                        "changing a model makes a derivative, with naming and notice duties", "none",
                        s -> label(s, Change.values(), Change::label)),
                new Question("modalities", "Inputs you use: text, image, audio, video (comma-separated)",
                        "some policies restrict multimodal use by region", "text", InitCommand::modalities),
                new Question("attribution", "Where you show the license's attribution: website, ui, blog, about, docs (comma-separated) or none",
                        "several licenses require a visible attribution phrase", "none",
                        s -> list(s, v -> label(v, AttributionPlace.values(), AttributionPlace::label))),
                new Question("ships-license-copy", "Does a copy of the license go with the model or product? yes/no",
                        "most licenses require it when you redistribute", "no", InitCommand::yesNo),
                new Question("ships-notice", "Does the license's notice file go with it? yes/no",
                        "some licenses require their notice text", "no", InitCommand::yesNo),
                new Question("passes-use-policy", "Do your terms bind your users to the model's use policy? yes/no",
                        "use policies require passing their restrictions on", "no", InitCommand::yesNo),
                new Question("uses", "What does the product do? Use ids or numbers from the list (comma-separated), or none",
                        "use policies prohibit some uses and ask for review of others", "none", s -> uses(s, useIds)),
                new Question("regions", "Where are the end users: ISO codes, EU, EEA or GLOBAL (comma-separated); empty for your country",
                        "some licenses exclude territories", "", InitCommand::regions),
                new Question("purpose", "Purpose: research, evaluation or production?",
                        "research-only licenses forbid production; the safe reading is production", "production", InitCommand::purpose),
                new Question("outputs-train-models", "Are the model's outputs used to train or improve another AI model (distillation, synthetic data)? yes/no",
                        "several licenses forbid it or make the other model a derivative", "no", InitCommand::yesNo),
                new Question("removes-guardrails", "Do you remove or weaken the model's safety guardrails? yes/no",
                        "some licenses end when guardrails are bypassed", "no", InitCommand::yesNo),
                new Question("accelerator", "Accelerator for the fit check (e.g. h100-sxm), or none",
                        "optional: check then says whether the model fits", "none", InitCommand::accelerator),
                new Question("count", "How many of those accelerators serve the model?",
                        "the fit check adds their memory; asked only with an accelerator", "1", InitCommand::acceleratorCount),
                // Asked last, so that answers written for earlier versions of init keep their order.
                new Question("product-name", "Name of the product the model serves (empty to omit)",
                        "a product named after the model may use the licensor's trademark", "", s -> s),
                new Question("annual-revenue", "Annual revenue in US dollars of the last 12 months (e.g. 40000000 or 40M; empty if unknown)",
                        "some licenses gate on revenue (Stability AI, Mistral Medium, Kimi, MiniMax); unknown is checked as a review", "",
                        s -> s.isBlank() ? null : revenue(s)),
                new Question("discloses-machine-generated", "Does the product tell its users, wherever generated content appears, that it is machine-generated? yes/no",
                        "RAIL use policies (BLOOM, BigCode) ask for it; until you say so such uses are reviewed", "no", InitCommand::yesNo));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path target = OutputOptions.checkedTarget(output, List.of());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new BadInputException(output + ": exists; pass --force to replace it, or -o to write elsewhere");
        }
        Map<String, String> flags = flagAnswers();
        List<Question> questions = questions();
        Map<String, Object> answers = new LinkedHashMap<>();
        boolean terminal = flags.isEmpty() && StandardInput.isTerminal();
        BufferedReader in = flags.isEmpty()
                ? new BufferedReader(new InputStreamReader(StandardInput.stream(), StandardCharsets.UTF_8)) : null;
        int number = 0;
        for (Question q : questions) {
            number++;
            if (q.key().equals("count") && answers.get("accelerator") == null) {
                // Without an accelerator a count means nothing: never asked, and an answer given for it is a mistake.
                String given = !flags.isEmpty() ? flags.get("count") : terminal ? null : in.readLine();
                if (given != null && !given.isBlank()) {
                    throw new BadInputException((flags.isEmpty() ? "answer " + number + " (count) on standard input" : "--count")
                            + ": a count of accelerators needs an accelerator; name one (e.g. h100-sxm) or leave the count out");
                }
                continue;
            }
            if (!flags.isEmpty()) {
                answers.put(q.key(), answer(q, flags.get(q.key()), "--" + q.key()));
            } else if (terminal) {
                answers.put(q.key(), ask(q, in, err));
            } else {
                String line = in.readLine();
                answers.put(q.key(), answer(q, line, "answer " + number + " (" + q.key() + ") on standard input"));
            }
        }
        String yaml = render(answers);
        // Read back exactly as check reads it: init never writes a description check would refuse.
        Deployment d = new DeploymentReader(KnowledgeBase.bundled().uses().keySet()).parse(output, yaml);
        OutputOptions.writeAtomically(OutputOptions.checkedTarget(output, List.of()), yaml.getBytes(StandardCharsets.UTF_8), output.toString());
        err.println("canship: wrote " + output + " (" + d.organization().country() + ", " + d.model().distribution().label()
                + "); next: canship check MODEL_FOLDER -d " + output);
        err.flush();
        return ExitCodes.CLEAN;
    }

    private Map<String, String> flagAnswers() {
        Map<String, String> m = new LinkedHashMap<>();
        putIf(m, "organization", organization);
        putIf(m, "country", country);
        putIf(m, "users", users);
        putIf(m, "commercial", commercial);
        putIf(m, "distribution", distribution);
        putIf(m, "release-name", releaseName);
        putIf(m, "changes", changes);
        putIf(m, "modalities", modalities);
        putIf(m, "attribution", attribution);
        putIf(m, "ships-license-copy", shipsLicenseCopy);
        putIf(m, "ships-notice", shipsNotice);
        putIf(m, "passes-use-policy", passesUsePolicy);
        putIf(m, "uses", uses);
        putIf(m, "regions", regions);
        putIf(m, "purpose", purpose);
        putIf(m, "outputs-train-models", outputsTrainModels);
        putIf(m, "removes-guardrails", removesGuardrails);
        putIf(m, "accelerator", accelerator);
        putIf(m, "count", count);
        putIf(m, "product-name", productName);
        putIf(m, "annual-revenue", annualRevenue);
        putIf(m, "discloses-machine-generated", disclosesMachineGenerated);
        return m;
    }

    private static void putIf(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** Reads one non-interactive answer; a missing required answer or a bad one is exit 2 naming the question. */
    private static Object answer(Question q, String raw, String where) {
        String value = raw == null || raw.isBlank() ? q.fallback() : raw.strip();
        if (value == null) {
            throw new BadInputException(where + ": has no default and must be answered: " + q.ask());
        }
        try {
            return q.read().apply(value);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    /** Asks on the terminal until the answer reads; end of input takes the default, or fails for a required one. */
    private static Object ask(Question q, BufferedReader in, PrintWriter err) throws IOException {
        if (q.key().equals("uses")) {
            List<Map.Entry<String, String>> all = new ArrayList<>(KnowledgeBase.bundled().uses().entrySet());
            for (int i = 0; i < all.size(); i++) {
                err.printf(Locale.ROOT, "  %2d %-28s %s%n", i + 1, all.get(i).getKey(), all.get(i).getValue());
            }
        }
        while (true) {
            err.println(q.ask());
            err.print("  (" + q.why() + ") [" + (q.fallback() == null ? "required" : q.fallback().isEmpty() ? "empty" : q.fallback()) + "]: ");
            err.flush();
            String line = in.readLine();
            if (line == null) {
                return answer(q, null, "end of input");
            }
            try {
                return answer(q, line, "answer");
            } catch (BadInputException e) {
                err.println("  " + e.getMessage() + "; try again");
            }
        }
    }

    /** The description as YAML, written by Jackson (quoting what needs it), with a header that says what made it. */
    static String render(Map<String, Object> a) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("canship", 1);
        ObjectNode org = root.putObject("organization");
        if (!a.get("organization").toString().isEmpty()) {
            org.put("name", (String) a.get("organization"));
        }
        org.put("country", (String) a.get("country"));
        org.put("monthly_active_users", (Long) a.get("users"));
        if (a.get("annual-revenue") != null) {
            org.put("annual_revenue_usd", (Long) a.get("annual-revenue"));
        }
        ObjectNode model = root.putObject("model");
        if (a.get("release-name") != null) {
            model.put("release_name", (String) a.get("release-name"));
        }
        model.put("changes", (String) a.get("changes"));
        model.put("distribution", (String) a.get("distribution"));
        array(model.putArray("modalities"), a.get("modalities"));
        ObjectNode product = root.putObject("product");
        if (a.get("product-name") != null && !a.get("product-name").toString().isEmpty()) {
            product.put("name", (String) a.get("product-name"));
        }
        product.put("commercial", (Boolean) a.get("commercial"));
        array(product.putArray("attribution"), a.get("attribution"));
        product.put("ships_license_copy", (Boolean) a.get("ships-license-copy"));
        product.put("ships_notice", (Boolean) a.get("ships-notice"));
        product.put("passes_use_policy", (Boolean) a.get("passes-use-policy"));
        product.put("discloses_machine_generated", (Boolean) a.get("discloses-machine-generated"));
        array(product.putArray("uses"), a.get("uses"));
        @SuppressWarnings("unchecked")
        List<String> regions = (List<String>) a.get("regions");
        array(product.putArray("regions"), regions.isEmpty() ? List.of(a.get("country")) : regions);
        product.put("purpose", (String) a.get("purpose"));
        model.put("outputs_train_models", (Boolean) a.get("outputs-train-models"));
        model.put("removes_guardrails", (Boolean) a.get("removes-guardrails"));
        if (a.get("accelerator") != null) {
            ObjectNode hardware = root.putObject("hardware");
            hardware.put("accelerator", (String) a.get("accelerator"));
            hardware.put("count", (Integer) a.get("count"));
        }
        YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build();
        return "# Deployment description written by 'canship init' (schema version 1; see README).\n"
                + "# Check a model against it: canship check MODEL_FOLDER --deployment THIS_FILE\n"
                + yaml.writeValueAsString(root);
    }

    private static void array(ArrayNode node, Object values) {
        for (Object v : (List<?>) values) {
            node.add(String.valueOf(v));
        }
    }

    // --- readers: each turns a plain answer into the schema's value, or says what to write instead ---

    static String country(String s) {
        String c = s.strip().toUpperCase(Locale.ROOT);
        if (!Set.of(Locale.getISOCountries()).contains(c)) {
            throw new IllegalArgumentException("'" + s + "' is not an ISO country code; write two letters such as US, DE, GB, FR"
                    + (c.equals("UK") ? " (GB for the United Kingdom)" : ""));
        }
        return c;
    }

    /** A count written 12000000, 12,000,000, 12 000 000, 12_000_000, 12M, 1.5k or 2B, read exactly (never rounded). */
    static long count(String s) {
        BigDecimal v = dev.canship.deployment.Counts.value(s);
        if (v == null) {
            throw new IllegalArgumentException("'" + s + "' is not a count of users; write digits such as 12000000, or 12M");
        }
        if (v.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number of users");
        }
        if (v.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) {
            throw new IllegalArgumentException("'" + s + "' is more users than there are people; write the monthly active users");
        }
        return v.longValueExact();
    }

    /** A sum of US dollars, written like a count (40000000, 40,000,000 or 40M). */
    static long revenue(String s) {
        return dev.canship.deployment.Counts.read(s.strip().replaceFirst("^(?i)(usd|\\$)\\s*", "")).orElseThrow(() ->
                new IllegalArgumentException("'" + s + "' is not an amount of US dollars; write digits such as 40000000, or 40M"));
    }

    static int acceleratorCount(String s) {
        String v = s.strip();
        if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 4096) {
            throw new IllegalArgumentException("'" + s + "' is not a count of accelerators; write a whole number from 1 to 4096");
        }
        return Integer.parseInt(v);
    }

    static boolean yesNo(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (YES.contains(t)) {
            return true;
        }
        if (NO.contains(t)) {
            return false;
        }
        throw new IllegalArgumentException("'" + s + "' is not yes or no");
    }

    static <E extends Enum<E>> String label(String s, E[] values, Function<E, String> label) {
        for (E e : values) {
            if (label.apply(e).equalsIgnoreCase(s.strip())) {
                return label.apply(e);
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", Arrays.stream(values).map(label).toList()));
    }

    static boolean none(String s) {
        return s.isBlank() || s.strip().equalsIgnoreCase("none");
    }

    static List<String> list(String s, Function<String, String> item) {
        if (none(s)) {
            return List.of();
        }
        return Arrays.stream(s.split("[,\\s]+")).filter(v -> !v.isBlank()).map(item).distinct().toList();
    }

    static List<String> modalities(String s) {
        List<String> m = list(s, v -> {
            String t = v.toLowerCase(Locale.ROOT);
            if (!Set.of("text", "image", "audio", "video").contains(t)) {
                throw new IllegalArgumentException("'" + v + "' is not one of text, image, audio, video");
            }
            return t;
        });
        if (m.isEmpty()) {
            throw new IllegalArgumentException("name at least one input: text, image, audio or video");
        }
        return m;
    }

    static String use(String v, List<String> ids) {
        if (v.matches("\\d{1,3}")) {
            int i = Integer.parseInt(v);
            if (i >= 1 && i <= ids.size()) {
                return ids.get(i - 1);
            }
            throw new IllegalArgumentException("use number " + v + " is not between 1 and " + ids.size());
        }
        String t = v.strip().toLowerCase(Locale.ROOT).replaceAll("[-\\s]+", "_");
        if (!ids.contains(t)) {
            throw new IllegalArgumentException("'" + v + "' is not a use id" + dev.canship.Suggest.didYouMean(t, ids)
                    + "; 'canship uses' lists them with their descriptions");
        }
        return t;
    }

    /**
     * Use ids separated by commas; within one, spaces count as underscores ("customer support" is customer_support).
     * Ids alone separated by spaces are still read when every word is an id.
     */
    static List<String> uses(String s, List<String> ids) {
        if (none(s)) {
            return List.of();
        }
        List<String> words = Arrays.stream(s.split("[,\\s]+")).filter(v -> !v.isBlank()).toList();
        if (!s.contains(",") && words.size() > 1 && words.stream().allMatch(w -> w.matches("\\d{1,3}")
                || ids.contains(w.toLowerCase(Locale.ROOT).replace('-', '_')))) {
            return words.stream().map(w -> use(w, ids)).distinct().toList();
        }
        return Arrays.stream(s.split(",")).filter(v -> !v.isBlank()).map(v -> use(v, ids)).distinct().toList();
    }

    static List<String> regions(String s) {
        if (s.isBlank()) {
            return List.of();
        }
        return list(s, v -> {
            String t = v.toUpperCase(Locale.ROOT);
            if (Set.of("EU", "EEA", "GLOBAL").contains(t)) {
                return t;
            }
            return country(v);
        });
    }

    static String purpose(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (!Deployment.Product.PURPOSES.contains(t)) {
            throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", Deployment.Product.PURPOSES));
        }
        return t;
    }

    static String accelerator(String s) {
        if (none(s)) {
            return null;
        }
        AcceleratorCatalog catalog = AcceleratorCatalog.bundled();
        return catalog.byId(s.strip()).map(Accelerator::id).orElseThrow(() -> new IllegalArgumentException("'" + s
                + "' is not a known accelerator (known: " + String.join(", ", catalog.all().stream().map(Accelerator::id).toList()) + ")"));
    }
}
