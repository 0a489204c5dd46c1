package dev.canship.source.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.BadInputException;
import dev.canship.extract.Parsers;
import dev.canship.inventory.Declared;
import dev.canship.inventory.FileClassifier;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.OneLine;
import dev.canship.inventory.Origin;
import dev.canship.inventory.RepoFile;
import dev.canship.inventory.ScanLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An MLflow model folder saved by the {@code transformers} flavor: {@code MLmodel} (YAML), the Hugging Face files
 * under {@code model/} (listed at the top, as in the repository they came from, so {@code config.json} is read as the
 * model's), {@code components/}, and {@code LICENSE.txt}. When MLflow could not fetch the repository's license file
 * it writes a placeholder {@code LICENSE.txt} that only points to the Hub page and may name the card's license type:
 * that file is a pointer (the type it names is declared evidence, like a card tag), never a license text.
 * {@code source_model_name} says which model the weights were saved from (lineage evidence; for a PEFT adapter, its
 * declared base) and {@code source_model_revision} is reported as the revision.
 */
public final class MlflowModel {

    private static final long MAX_MLMODEL_BYTES = 1024 * 1024;
    private static final long MAX_PLACEHOLDER_BYTES = 64 * 1024;
    /** The sentence MLflow writes when no license file was found (mlflow/transformers, _write_license_information). */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\A\\s*A license file could not be found for the '([^'\\n]{0,300})' repository\\.");
    private static final Pattern DECLARED = Pattern.compile("The declared license type is: '([^'\\n]{0,200})'");
    private static final Pattern REVISION = Pattern.compile("[0-9a-f]{40}|[A-Za-z0-9._-]{1,128}");
    private static final Set<String> CARD_DATA = Set.of("model_card_data.yaml");

    private MlflowModel() {
    }

    /** The {@code MLmodel} file at the top of a scanned folder, if any. */
    public static Optional<RepoFile> mlmodel(Inventory scanned) {
        return scanned.files().stream().filter(f -> f.path().equals("MLmodel")).findFirst();
    }

    /**
     * The scanned folder read as an MLflow transformers model; a folder whose MLmodel has no transformers flavor is
     * returned as scanned, with a note.
     */
    public static Inventory inventory(Inventory scanned, RepoFile mlmodel) {
        String shown = OneLine.of(scanned.root().toString());
        JsonNode root = yaml(shown, mlmodel, MAX_MLMODEL_BYTES);
        JsonNode tf = root.path("flavors").path("transformers");
        if (!tf.isObject()) {
            List<String> notes = new ArrayList<>(scanned.origin().notes());
            notes.add("MLmodel has no transformers flavor (" + String.join(", ", names(root.path("flavors"))) + "); read as a plain folder");
            return new Inventory(scanned.root(), scanned.name(), scanned.files(), scanned.diagnostics(), scanned.unwalked(),
                    new Origin(scanned.origin().kind(), scanned.origin().revision(), notes, scanned.origin().declared()));
        }
        String source = text(tf.path("source_model_name"));
        String revision = text(tf.path("source_model_revision"));
        if (revision != null && !REVISION.matcher(revision).matches()) {
            revision = null;
        }
        String binary = text(tf.path("model_binary"));
        if (binary == null || !binary.matches("[A-Za-z0-9._-]{1,128}") || binary.matches("\\.+")) {
            binary = "model";
        }
        List<String> notes = new ArrayList<>();
        notes.add("MLflow transformers model" + (source == null ? "" : " saved from " + source)
                + (revision == null ? "" : " at revision " + revision)
                + (text(tf.path("task")) == null ? "" : ", task " + text(tf.path("task")))
                + (text(root.path("mlflow_version")) == null ? "" : ", MLflow " + text(root.path("mlflow_version")))
                + "; " + binary + "/ is read as the repository's top folder");
        List<Declared> declared = new ArrayList<>();
        // A PEFT adapter is saved without the base weights: source_model_name is then the base the adapter was made from.
        boolean peft = text(tf.path("peft_adaptor")) != null;
        if (source != null) {
            declared.add(new Declared(peft ? Declared.Kind.BASE_MODEL : Declared.Kind.SOURCE_MODEL, source,
                    "MLmodel (flavors.transformers.source_model_name)"));
        }
        if (peft) {
            notes.add("a PEFT adapter (" + text(tf.path("peft_adaptor")) + "/): " + (source == null ? "its base model is not named" : source + " is its base model"));
        }
        List<RepoFile> files = new ArrayList<>();
        Set<String> top = scanned.files().stream().map(RepoFile::path).filter(p -> p.indexOf('/') < 0).collect(Collectors.toSet());
        String prefix = binary + "/";
        for (RepoFile f : scanned.files()) {
            if (f.path().startsWith(prefix) && !top.contains(f.path().substring(prefix.length()))) {
                String p = f.path().substring(prefix.length());
                files.add(f.as(p, FileClassifier.classify(p, f.size())));
            } else if (f.role() == FileRole.LICENSE && f.path().equals("LICENSE.txt")) {
                files.add(placeholder(shown, f, notes, declared) ? retype(f, FileRole.OTHER) : f);
            } else if (CARD_DATA.contains(f.path())) {
                cardData(shown, f, notes, declared);
                files.add(f);
            } else {
                files.add(f);
            }
        }
        files.sort(null);
        return new Inventory(scanned.root(), scanned.name(), files, scanned.diagnostics(), scanned.unwalked(),
                new Origin("mlflow", revision, notes, declared));
    }

    /**
     * Whether {@code f} is MLflow's placeholder; if so, the license type it names becomes declared evidence and the
     * notes say what it points to.
     */
    private static boolean placeholder(String shown, RepoFile f, List<String> notes, List<Declared> declared) {
        if (f.size() > MAX_PLACEHOLDER_BYTES) {
            return false;
        }
        String text = new String(read(shown, f, MAX_PLACEHOLDER_BYTES), StandardCharsets.UTF_8);
        Matcher m = PLACEHOLDER.matcher(text);
        if (!m.find()) {
            return false;
        }
        Matcher d = DECLARED.matcher(text);
        String type = d.find() ? d.group(1).strip() : null;
        notes.add(f.path() + " is MLflow's placeholder, not a license: no license file was found for " + m.group(1)
                + " when it was saved; it points to https://huggingface.co/" + m.group(1)
                + (type == null ? " and names no license type" : " and names the license type " + type));
        if (type != null && !type.isEmpty()) {
            declared.add(new Declared(Declared.Kind.LICENSE, type, f.path() + " (declared license type)"));
        }
        return true;
    }

    /** MLflow keeps the card's front matter in model_card_data.yaml: its license and base model count as the card's. */
    private static void cardData(String shown, RepoFile f, List<String> notes, List<Declared> declared) {
        JsonNode data;
        try {
            data = yaml(shown, f, MAX_MLMODEL_BYTES);
        } catch (BadInputException e) {
            notes.add(f.path() + " is not readable YAML; its card data was not read");
            return;
        }
        for (String key : List.of("license", "license_name")) {
            String v = text(data.path(key));
            if (v != null) {
                declared.add(new Declared(Declared.Kind.LICENSE, v, f.path() + " (" + key + ")"));
            }
        }
        JsonNode base = data.path("base_model");
        List<JsonNode> bases = new ArrayList<>();
        if (base.isArray()) {
            base.forEach(bases::add);
        } else {
            bases.add(base);
        }
        for (JsonNode b : bases.subList(0, Math.min(bases.size(), 32))) {
            String v = text(b);
            if (v != null) {
                declared.add(new Declared(Declared.Kind.BASE_MODEL, v, f.path() + " (base_model)"));
            }
        }
    }

    private static RepoFile retype(RepoFile f, FileRole role) {
        return f.as(f.path(), role);
    }

    private static JsonNode yaml(String shown, RepoFile f, long max) {
        if (f.size() > max) {
            throw new BadInputException(shown + ": " + f.path() + " is larger than " + max + " bytes");
        }
        byte[] bytes = read(shown, f, max);
        try {
            JsonNode n = Parsers.yaml(ScanLimits.DEFAULTS, max).readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new BadInputException(shown + ": " + f.path() + " is not a YAML mapping");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException(shown + ": " + f.path() + " is broken YAML");
        }
    }

    private static byte[] read(String shown, RepoFile f, long max) {
        try (InputStream in = f.openStream()) {
            return in.readNBytes((int) max);
        } catch (IOException e) {
            throw new BadInputException(shown + ": " + f.path() + " cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() && !n.asText().isBlank() ? OneLine.of(n.asText().strip()) : null;
    }

    private static List<String> names(JsonNode flavors) {
        List<String> out = new ArrayList<>();
        flavors.fieldNames().forEachRemaining(n -> out.add(OneLine.of(n)));
        return out.isEmpty() ? List.of("no flavors") : out.subList(0, Math.min(out.size(), 10));
    }
}
