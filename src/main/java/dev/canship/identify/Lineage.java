package dev.canship.identify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.extract.Extraction;
import dev.canship.extract.ModelCard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a repository says about the models it was made from, and which license each base implies. The
 * name-to-license mapping is data ({@code licenses/lineage.yaml}); this class only gathers base names from
 * every source a repository has and looks them up. A namespace ({@code acme/}) is never part of the name.
 */
public final class Lineage {

    /** Longest base-model name looked at; a hostile card cannot make the patterns scan megabytes. */
    private static final int MAX_NAME_CHARS = 200;
    /** Card prose read for derivation phrases. */
    private static final int MAX_PROSE_CHARS = 64 * 1024;
    /** Bases gathered per repository (a merge names a few; a card listing thousands is not believed further). */
    private static final int MAX_BASES = 32;
    /** Derivation phrases looked at in the prose; a card repeating "based on" thousands of times costs no more. */
    private static final int MAX_PROSE_CUES = 100;
    /** Source label prefix of a GGUF file's own address keys (see {@link Base#selfEvidence()}). */
    static final String GGUF_SELF_PREFIX = "GGUF self ";
    /** Source label prefix of a GGUF file's {@code general.base_model.N} entries (see {@link Base#copiedFromCard()}). */
    private static final String GGUF_BASE_PREFIX = "GGUF general.base_model.";
    /** A GGUF file's own address: the model it was converted from ({@code general.source.*}) or its own page. */
    private static final List<String> GGUF_SELF_KEYS = List.of("general.source.huggingface.repository", "general.source.repo_url",
            "general.source.url", "general.repo_url", "general.url");
    /** A GGUF file's own display names, read only where they settle a license (see {@link #bases}). */
    private static final List<String> GGUF_NAME_KEYS = List.of("general.name", "general.basename");
    /** Source label prefix of a model a packaging format says the weights were saved from (MLflow's source_model_name). */
    static final String DECLARED_SELF_PREFIX = "weights saved from ";
    private static final Pattern GGUF_BASE = Pattern.compile("general\\.base_model\\.(\\d{1,3})\\.(name|organization|repo_url)");
    private static final Pattern TAG_BASE = Pattern.compile("base_model:(?:(?:finetune|adapter|quantized|merge):)?(.+)");
    /** Words that say a model was made from another; what follows them is searched for a known base name. */
    private static final Pattern PROSE_CUE = Pattern.compile(
            "(?i)\\b(?:fine[- ]?tun(?:ed|e|ing)|finetuned|trained|based|built|derived|distilled|merged?|quantized|converted|version)\\s+(?:version\\s+)?(?:from|on|of|upon|with)\\b");

    private final List<Rule> rules;

    public Lineage(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * One entry of {@code licenses/lineage.yaml}.
     *
     * @param pattern  a regular expression searched in the lower-case model name without namespace
     * @param compiled the pattern, compiled
     * @param license  the license id the name implies; null when the family is known but the name does not settle the license
     * @param why      where the mapping comes from
     */
    public record Rule(String pattern, Pattern compiled, String license, String why) {
        public Rule(String pattern, String license, String why) {
            this(pattern, Pattern.compile(pattern), license, why);
        }
    }

    /**
     * A base model a repository names.
     *
     * @param name    the name as written (namespace kept, for the report)
     * @param source  where it was read: {@code card base_model}, {@code card tags}, {@code config.json _name_or_path},
     *                {@code adapter_config.json base_model_name_or_path}, {@code GGUF general.base_model}
     * @param file    the file, relative to the repository root
     * @param line    the line in that file, 0 when unknown
     * @param rule    the lineage entry its name matched, or null when none did
     */
    public record Base(String name, String source, String file, int line, Rule rule) {
        /** The license the base implies, when the name settles it. */
        public Optional<String> license() {
            return rule == null ? Optional.empty() : Optional.ofNullable(rule.license());
        }

        /**
         * Evidence of what the weights themselves are (where they were loaded or converted from), not a declared base:
         * config.json's {@code _name_or_path} and a GGUF file's own {@code general.source.*}, {@code general.repo_url}
         * or {@code general.url}. It points to the governing license but does not make the repository a derivative.
         */
        public boolean selfEvidence() {
            return source.startsWith("config.json") || source.startsWith(GGUF_SELF_PREFIX) || source.startsWith(DECLARED_SELF_PREFIX);
        }

        /**
         * A GGUF's {@code general.base_model}: llama.cpp copies it from the card of the model it quantizes, so it names
         * that model's base (for a GGUF of Llama 3.3, Llama 3.1 70B) rather than what the weights are.
         */
        public boolean copiedFromCard() {
            return source.startsWith(GGUF_BASE_PREFIX);
        }

        /** The name matched a family whose license the name does not settle. */
        public boolean undetermined() {
            return rule != null && rule.license() == null;
        }

        /** Declared by the card itself (base_model key or tags), as opposed to read from configuration or weights. */
        public boolean fromCard() {
            return source.startsWith("card");
        }
    }

    /** A derivation phrase in the card's prose that names a known base: evidence for a warning, not proof. */
    public record ProseMention(String phrase, String file, int line, Rule rule) {
    }

    /** The entry a model name matches, namespace and URL stripped. */
    public Optional<Rule> match(String rawName) {
        String n = modelName(rawName);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        for (Rule r : rules) {
            if (r.compiled().matcher(n).find()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The license id a base model name implies, when the name settles it. */
    public Optional<String> licenseOf(String rawName) {
        return match(rawName).map(Rule::license);
    }

    /** Lower-case model name without a URL, namespace or trailing slash: {@code https://hf.co/acme/Foo-7B/} gives {@code foo-7b}. */
    static String modelName(String raw) {
        if (raw == null) {
            return "";
        }
        String n = raw.strip();
        if (n.length() > MAX_NAME_CHARS) {
            n = n.substring(0, MAX_NAME_CHARS);
        }
        n = n.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        int slash = n.lastIndexOf('/');
        return slash < 0 ? n : n.substring(slash + 1);
    }

    /** Every base model the repository names, in source order, each name once per source. */
    public List<Base> bases(Extraction ex) {
        Map<String, Base> out = new LinkedHashMap<>();
        ModelCard card = ex.card();
        if (card != null) {
            for (String b : card.texts("base_model")) {
                add(out, b, "card base_model", card.file(), card.lineOf("base_model"));
            }
            for (String tag : card.texts("tags")) {
                Matcher m = TAG_BASE.matcher(tag.strip());
                if (m.matches()) {
                    add(out, m.group(1), "card tags", card.file(), card.lineOf("tags"));
                }
            }
        }
        JsonNode adapter = ex.adapterConfig();
        if (adapter != null && adapter.path("base_model_name_or_path").isTextual()) {
            add(out, adapter.path("base_model_name_or_path").asText(), "adapter_config.json base_model_name_or_path", "adapter_config.json", 0);
        }
        JsonNode config = ex.config();
        if (config != null && config.path("_name_or_path").isTextual()) {
            add(out, config.path("_name_or_path").asText(), "config.json _name_or_path", "config.json", 0);
        }
        for (var d : ex.inventory() == null ? List.<dev.canship.inventory.Declared>of() : ex.inventory().origin().declared()) {
            if (d.kind() == dev.canship.inventory.Declared.Kind.SOURCE_MODEL) {
                add(out, d.value(), DECLARED_SELF_PREFIX + d.where(), fileOnly(d.where()), 0);
            } else if (d.kind() == dev.canship.inventory.Declared.Kind.BASE_MODEL) {
                // Card data kept outside a README (MLflow's model_card_data.yaml, a PEFT adapter's MLmodel) declares a
                // base as the card would.
                add(out, d.value(), "card data " + d.where(), fileOnly(d.where()), 0);
            }
        }
        Map<String, Base> byName = new LinkedHashMap<>();
        for (var w : ex.weights()) {
            Map<Integer, String[]> byIndex = new java.util.TreeMap<>();
            for (Map.Entry<String, String> e : w.metadata().entrySet()) {
                Matcher m = GGUF_BASE.matcher(e.getKey());
                if (m.matches()) {
                    String[] parts = byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new String[3]);
                    parts[switch (m.group(2)) { case "name" -> 0; case "organization" -> 1; default -> 2; }] = e.getValue();
                }
            }
            for (String key : GGUF_SELF_KEYS) {
                String v = w.metadata().get(key);
                if (v != null && !v.isBlank()) {
                    add(out, v, GGUF_SELF_PREFIX + key, w.file(), 0);
                }
            }
            // The file's display name ("Meta Llama 3.1 8B Instruct") says what the weights are when it names a
            // family the lineage settles; a free-form name that settles nothing is no evidence either way. Only a
            // fallback: a display name is looser than a declared base ("DeepSeek-R1-Distill-Llama" without its size).
            for (String key : GGUF_NAME_KEYS) {
                String v = w.metadata().get(key);
                if (v != null && !v.isBlank() && v.strip().length() <= MAX_NAME_CHARS) {
                    String name = v.strip().replaceAll("\\s+", "-");
                    if (match(name).map(r -> r.license() != null).orElse(false)) {
                        add(byName, name, GGUF_SELF_PREFIX + key, w.file(), 0);
                    }
                }
            }
            for (Map.Entry<Integer, String[]> e : byIndex.entrySet()) {
                String[] p = e.getValue();
                // The repo URL names the model most exactly; the display name is the fallback.
                String name = p[2] != null && !p[2].isBlank() ? p[2] : p[0];
                if (name != null && !name.isBlank()) {
                    add(out, p[1] != null && p[2] == null ? p[1] + "/" + name : name,
                            GGUF_BASE_PREFIX + e.getKey(), w.file(), 0);
                }
            }
        }
        if (out.isEmpty()) {
            // The first display name only: a file's name and its basename ("...-Llama-8B", "...-Llama") may disagree.
            byName.entrySet().stream().findFirst().ifPresent(e -> out.put(e.getKey(), e.getValue()));
        }
        return List.copyOf(out.values());
    }

    private void add(Map<String, Base> out, String name, String source, String file, int line) {
        if (name == null || name.isBlank() || out.size() >= MAX_BASES || isLocalPath(name.strip())) {
            return;
        }
        String shown = name.strip().length() > MAX_NAME_CHARS ? name.strip().substring(0, MAX_NAME_CHARS) : name.strip();
        out.putIfAbsent(source + "\u0000" + modelName(shown), new Base(shown, source, file, line, match(shown).orElse(null)));
    }

    private static String fileOnly(String where) {
        int p = where.indexOf(" (");
        return p < 0 ? where : where.substring(0, p);
    }

    /** A training run's local folder ({@code output_a/}, {@code /home/me/ckpt}, {@code C:\\runs}) names no published model. */
    private static boolean isLocalPath(String name) {
        return name.startsWith("/") || name.startsWith(".") || name.startsWith("~") || name.endsWith("/")
                || name.contains("\\") || name.matches("^[A-Za-z]:.*");
    }

    /**
     * The first derivation phrase in the card's body ("fine-tuned from Llama 3.1 8B", "a merge of several
     * LLaMA2 70B finetunes") that names a base the lineage table knows.
     */
    public Optional<ProseMention> prose(ModelCard card) {
        if (card == null || card.body() == null) {
            return Optional.empty();
        }
        String body = card.body().length() > MAX_PROSE_CHARS ? card.body().substring(0, MAX_PROSE_CHARS) : card.body();
        Matcher cue = PROSE_CUE.matcher(body);
        for (int seen = 0; seen < MAX_PROSE_CUES && cue.find(); seen++) {
            String after = body.substring(cue.end(), Math.min(body.length(), cue.end() + 80));
            String[] tokens = after.replaceAll("[*\\[\\]()`:|,;\"]", " ").strip().split("\\s+");
            for (int i = 0; i < Math.min(tokens.length, 6); i++) {
                for (int len = 3; len >= 1; len--) {
                    if (i + len > tokens.length) {
                        continue;
                    }
                    String candidate = String.join(" ", java.util.Arrays.copyOfRange(tokens, i, i + len));
                    Optional<Rule> r = match(candidate);
                    if (r.isPresent()) {
                        String phrase = (cue.group() + " " + String.join(" ", java.util.Arrays.copyOfRange(tokens, 0, i + len))).replaceAll("\\s+", " ");
                        int line = card.bodyLine() + (int) body.substring(0, cue.start()).chars().filter(c -> c == '\n').count();
                        return Optional.of(new ProseMention(phrase, card.file(), line, r.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Rules of a list, for tests and listings. */
    public List<Rule> rules() {
        return new ArrayList<>(rules);
    }
}
