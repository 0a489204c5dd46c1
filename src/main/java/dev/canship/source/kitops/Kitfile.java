package dev.canship.source.kitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.BadInputException;
import dev.canship.extract.Parsers;
import dev.canship.inventory.Declared;
import dev.canship.inventory.OneLine;
import dev.canship.inventory.ScanLimits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A KitOps {@code Kitfile}: the manifest of a ModelKit, as YAML in a folder or as the JSON config of a ModelKit
 * pushed as an OCI artifact. Only what bears on the license is kept: the model's own license (and its parts'), which
 * governs the weights and is declared evidence like a card's tag; the package license, used only when the model
 * declares none; and the paths of code and dataset parts, whose licenses never govern the weights.
 *
 * @param name          {@code model.name}, else {@code package.name}, or null
 * @param version       {@code package.version}, or null
 * @param declared      the licenses declared for the model, each with where it was written
 * @param codePaths     paths of {@code code} entries (their license files are not evidence for the weights)
 * @param dataPaths     paths of {@code datasets} entries
 * @param notes         what a reader should know (code licenses named, the package license used as the model's)
 */
public record Kitfile(String name, String version, List<Declared> declared, List<String> codePaths, List<String> dataPaths, List<String> notes) {

    /** The largest Kitfile read; a manifest of a model is a few kilobytes. */
    public static final long MAX_BYTES = 1024 * 1024;

    public Kitfile {
        declared = List.copyOf(declared);
        codePaths = List.copyOf(codePaths);
        dataPaths = List.copyOf(dataPaths);
        notes = List.copyOf(notes);
    }

    /** Parses a Kitfile (YAML, which JSON also is); {@code shown} names the model in the one-line error. */
    public static Kitfile parse(String shown, String file, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new BadInputException(shown + ": " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        ObjectMapper yaml = Parsers.yaml(ScanLimits.DEFAULTS, MAX_BYTES);
        JsonNode root;
        try {
            root = yaml.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(shown + ": " + file + " is not a readable Kitfile (broken YAML)");
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(shown + ": " + file + " is not a Kitfile (not a mapping)");
        }
        if (!root.path("manifestVersion").isValueNode()) {
            throw new BadInputException(shown + ": " + file + " is not a Kitfile (no manifestVersion)");
        }
        JsonNode pkg = root.path("package");
        JsonNode model = root.path("model");
        List<Declared> declared = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        add(declared, model.path("license"), file + " (model.license)");
        JsonNode parts = model.path("parts");
        for (int i = 0; parts.isArray() && i < Math.min(parts.size(), 256); i++) {
            add(declared, parts.get(i).path("license"), file + " (model.parts[" + i + "].license)");
        }
        if (declared.isEmpty() && text(pkg.path("license")) != null) {
            add(declared, pkg.path("license"), file + " (package.license)");
            notes.add(file + ": the model declares no license; package.license is read as the model's");
        }
        List<String> code = paths(root.path("code"));
        JsonNode codes = root.path("code");
        for (int i = 0; codes.isArray() && i < Math.min(codes.size(), 256); i++) {
            String l = text(codes.get(i).path("license"));
            if (l != null) {
                notes.add(file + ": code[" + i + "] (" + OneLine.of(String.valueOf(text(codes.get(i).path("path")))) + ") is under " + OneLine.of(l)
                        + "; a code license does not govern the weights");
            }
        }
        String name = text(model.path("name")) != null ? text(model.path("name")) : text(pkg.path("name"));
        return new Kitfile(name, text(pkg.path("version")), declared, code, paths(root.path("datasets")), notes);
    }

    private static void add(List<Declared> out, JsonNode license, String where) {
        String l = text(license);
        if (l != null) {
            out.add(new Declared(Declared.Kind.LICENSE, l, where));
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() && !n.asText().isBlank() ? n.asText().strip() : null;
    }

    private static List<String> paths(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (int i = 0; list.isArray() && i < Math.min(list.size(), 256); i++) {
            String p = text(list.get(i).path("path"));
            if (p != null) {
                out.add(normalize(p));
            }
        }
        return out;
    }

    /** A Kitfile path relative to its folder, as the inventory spells paths ({@code ./src/} gives {@code src}). */
    static String normalize(String p) {
        String n = p.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        n = n.replaceAll("/+$", "");
        return n.equals(".") ? "" : n;
    }

    /**
     * Whether {@code path} (an inventory path) lies inside one of {@code roots}. A root that is the whole folder
     * ({@code .}) is ignored: it would take the model's own license file with it.
     */
    public static boolean inside(String path, List<String> roots) {
        for (String r : roots) {
            if (!r.isEmpty() && (path.equals(r) || path.startsWith(r + "/"))) {
                return true;
            }
        }
        return false;
    }
}
