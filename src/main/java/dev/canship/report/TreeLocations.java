package dev.canship.report;

import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a finding is shown in a code-review system (GitHub code scanning, GitLab Code Quality): one regular file of
 * the checked-out tree and a line. The first piece of evidence that is such a file; else the deployment file; else
 * the model folder's card; evidence outside the tree (a Hugging Face cache) is kept apart.
 */
final class TreeLocations {

    private final Path base;

    /** @param base the checkout's root (absolute) */
    TreeLocations(Path base) {
        this.base = base;
    }

    /** Where a finding is shown: one file of the tree and a line, and the rest of its evidence. */
    record Located(String uri, int line, Path file, List<Related> related, List<String> elsewhere) {
        record Related(String uri, int line) {
        }
    }

    Located locate(RepositoryReport r, Finding f) {
        List<Located.Related> inTree = new ArrayList<>();
        List<Path> inTreeFiles = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (Evidence e : f.evidence()) {
            Optional<String> rel = relative(resolve(r, e.file()));
            if (rel.isPresent()) {
                inTree.add(new Located.Related(rel.get(), Math.max(1, e.line())));
                inTreeFiles.add(resolve(r, e.file()));
            } else {
                elsewhere.add(e.file() + (e.line() > 0 ? ":" + e.line() : ""));
            }
        }
        if (!inTree.isEmpty()) {
            return new Located(inTree.get(0).uri(), inTree.get(0).line(), inTreeFiles.get(0), inTree.subList(1, inTree.size()), elsewhere);
        }
        // No evidence is a file of the tree: the deployment file (committed beside the pipeline), else the card.
        List<Path> fallbacks = new ArrayList<>();
        if (r.deployment() != null && r.deployment().source() != null) {
            fallbacks.add(r.deployment().source());
        }
        fallbacks.add(Path.of(r.path()).resolve("README.md"));
        for (Path p : fallbacks) {
            Optional<String> rel = relative(p);
            if (rel.isPresent()) {
                return new Located(rel.get(), 1, p, List.of(), elsewhere);
            }
        }
        // Nothing of this run lies in the tree (a model outside the checkout and a deployment from elsewhere): the
        // deployment as named, so the alert still has a location GitHub accepts as a path.
        String named = r.deployment() != null && r.deployment().source() != null ? r.deployment().source().toString() : r.path();
        return new Located(named.replace('\\', '/'), 1, null, List.of(), elsewhere);
    }

    /** An evidence file as a path: deployment and policy evidence names the file as given, the rest lies in the repository. */
    private static Path resolve(RepositoryReport r, String file) {
        if (r.deployment() != null && r.deployment().source() != null
                && file.replace('\\', '/').equals(r.deployment().source().toString().replace('\\', '/'))) {
            return r.deployment().source();
        }
        return file.equals(".") ? Path.of(r.path()) : Path.of(r.path()).resolve(file);
    }

    /** The path relative to the base when it is a regular file inside it (symlinks resolved on both sides). */
    private Optional<String> relative(Path p) {
        try {
            Path real = p.toAbsolutePath().toRealPath();
            Path realBase = base.toRealPath();
            if (!real.startsWith(realBase) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(realBase.relativize(real).toString().replace('\\', '/'));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

}
