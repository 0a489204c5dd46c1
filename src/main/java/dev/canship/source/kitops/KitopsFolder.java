package dev.canship.source.kitops;

import dev.canship.BadInputException;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.Origin;
import dev.canship.inventory.RepoFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A folder with a KitOps {@code Kitfile} at its top (what {@code kit pack} packs, or {@code kit unpack} wrote): every
 * file is scanned as in a plain folder; the Kitfile's model license is declared evidence, and license files inside
 * the Kitfile's code and dataset paths are listed but not read as the model's license.
 */
public final class KitopsFolder {

    /** The names {@code kit} itself looks for. */
    private static final Set<String> NAMES = Set.of("Kitfile", "kitfile", ".kitfile");

    private KitopsFolder() {
    }

    /** The Kitfile at the top of a scanned folder, if any. */
    public static Optional<RepoFile> kitfile(Inventory scanned) {
        return scanned.files().stream().filter(f -> NAMES.contains(f.path())).findFirst();
    }

    /** The scanned folder read as a ModelKit: its Kitfile's declarations added, code and dataset licenses set aside. */
    public static Inventory inventory(Inventory scanned, RepoFile kitfile) {
        String shown = scanned.root().toString();
        byte[] bytes;
        try (InputStream in = kitfile.openStream()) {
            bytes = in.readNBytes((int) Kitfile.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new BadInputException(shown + ": " + kitfile.path() + " cannot be read (" + e.getMessage() + ")");
        }
        Kitfile kit = Kitfile.parse(shown, kitfile.path(), bytes);
        List<String> notes = new ArrayList<>();
        notes.add("KitOps ModelKit folder" + (kit.name() == null ? "" : " " + kit.name()) + (kit.version() == null ? "" : " version " + kit.version())
                + ", described by " + kitfile.path());
        notes.addAll(scanned.origin().notes());
        notes.addAll(kit.notes());
        List<RepoFile> files = setAside(scanned.files(), kit, notes);
        Origin origin = new Origin("kitops", scanned.origin().revision(), notes, kit.declared());
        return new Inventory(scanned.root(), scanned.name(), files, scanned.diagnostics(), scanned.unwalked(), origin);
    }

    /**
     * The files with every license-like file inside a code or dataset path turned into a plain listed file: such a
     * file licenses that part (a code license), not the weights, so it must not govern them nor conflict with them.
     */
    public static List<RepoFile> setAside(List<RepoFile> files, Kitfile kit, List<String> notes) {
        List<String> parts = new ArrayList<>(kit.codePaths());
        parts.addAll(kit.dataPaths());
        List<RepoFile> out = new ArrayList<>();
        for (RepoFile f : files) {
            if (f.role().isLicenseLike() && Kitfile.inside(f.path(), parts)) {
                notes.add(f.path() + ": inside a code or dataset part of the Kitfile; its license covers that part, not the weights (not read as the model's license)");
                out.add(f.as(f.path(), FileRole.OTHER));
            } else {
                out.add(f);
            }
        }
        return out;
    }
}
