package dev.canship.inventory;

import dev.canship.BadInputException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists the files of a model repository without reading any of them. Symlinks are followed only when
 * they stay inside the root (or, for a Hugging Face cache snapshot, inside its cache entry); FIFOs,
 * devices and sockets are never opened.
 */
public final class InventoryScanner {

    private final ScanLimits limits;

    public InventoryScanner(ScanLimits limits) {
        this.limits = limits;
    }

    /** Walks {@code root}. Throws {@link BadInputException} only when the root itself is unusable. */
    public Inventory scan(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.exists(root)) {
            throw new BadInputException(root + ": no such file or folder");
        }
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root + ": not a folder (give the folder of a downloaded model repository)");
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new BadInputException(root + ": cannot be opened (" + e.getMessage() + ")");
        }
        Path walkRoot = huggingFaceSnapshot(realRoot).orElse(realRoot);
        if (walkRoot.equals(realRoot) && isCacheEntry(realRoot)) {
            // Walking the entry itself would read blobs of every revision under hash names: nothing to judge.
            throw new BadInputException(root + ": Hugging Face cache entry without a snapshot (an interrupted download?); nothing to scan");
        }
        Path fence = cacheEntryOf(walkRoot).orElse(realRoot);
        String name = displayName(realRoot, walkRoot);

        List<RepoFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Diagnostic> unwalked = new ArrayList<>();
        try {
            Files.walkFileTree(walkRoot, new Walker(walkRoot, fence, files, diagnostics, unwalked));
        } catch (IOException e) {
            diagnostics.add(new Diagnostic(".", "walking stopped: " + e.getMessage()));
            unwalked.add(new Diagnostic(".", "walking stopped (" + e.getMessage() + "): the files not yet listed were not checked"));
        }
        files.sort(null);
        return new Inventory(root, name, files, diagnostics, unwalked, origin(realRoot, walkRoot));
    }

    /** Upper bound on the snapshots or download metadata files one cache entry is read for. */
    private static final int MAX_LISTED = 1000;

    /** Where the folder comes from: a cache snapshot (its commit, and the other snapshots), a local-dir download, or a plain folder. */
    private static Origin origin(Path realRoot, Path walkRoot) {
        Optional<Path> entry = cacheEntryOf(walkRoot);
        if (entry.isPresent()) {
            String rev = walkRoot.getFileName().toString();
            List<String> notes = new ArrayList<>();
            Optional<String> main = refMain(entry.get());
            if (!walkRoot.equals(realRoot)) {
                notes.add(main.isPresent() && main.get().equals(rev) ? "snapshot " + rev + " scanned: the one refs/main names"
                        : "snapshot " + rev + " scanned: refs/main names none present, so the last snapshot by name was taken");
            } else if (main.isPresent() && !main.get().equals(rev)) {
                notes.add("snapshot " + rev + " scanned as given; refs/main names " + main.get());
            }
            List<String> others = snapshots(entry.get()).stream().filter(r -> !r.equals(rev)).toList();
            if (!others.isEmpty()) {
                notes.add("other revisions in this cache entry, not scanned: " + String.join(", ", others)
                        + " (scan one with its snapshots/<revision> folder)");
            }
            return new Origin("hf-cache", rev, notes);
        }
        Path meta = realRoot.resolve(".cache").resolve("huggingface").resolve("download");
        if (Files.isDirectory(meta, LinkOption.NOFOLLOW_LINKS)) {
            return localDir(meta);
        }
        return Origin.FOLDER;
    }

    /**
     * A {@code huggingface-cli download --local-dir} folder: each downloaded file has a {@code .metadata} file whose
     * first line is the commit it came from. One commit is the revision; several are reported, none chosen.
     */
    private static Origin localDir(Path meta) {
        java.util.TreeSet<String> revisions = new java.util.TreeSet<>();
        List<String> notes = new ArrayList<>();
        try (Stream<Path> s = Files.walk(meta, 8)) {
            for (Path p : (Iterable<Path>) s.filter(p -> p.getFileName().toString().endsWith(".metadata")).limit(MAX_LISTED)::iterator) {
                firstLine(p).filter(l -> l.matches("[0-9a-fA-F]{7,64}")).ifPresent(revisions::add);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            notes.add("the download metadata under .cache/huggingface/download could not all be read");
        }
        if (revisions.size() > 1) {
            notes.add("files were downloaded from " + revisions.size() + " revisions: " + String.join(", ", revisions));
            return new Origin("hf-local-dir", null, notes);
        }
        if (revisions.isEmpty()) {
            notes.add("no commit found in the download metadata under .cache/huggingface/download");
            return new Origin("hf-local-dir", null, notes);
        }
        return new Origin("hf-local-dir", revisions.first(), notes);
    }

    /** The first line of a small regular file (never a symlink), or empty. */
    private static Optional<String> firstLine(Path p) {
        try {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > 64 * 1024) {
                return Optional.empty();
            }
            String text = Files.readString(p);
            int nl = text.indexOf('\n');
            return Optional.of((nl < 0 ? text : text.substring(0, nl)).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> refMain(Path entry) {
        return firstLine(entry.resolve("refs").resolve("main")).filter(r -> r.matches("[0-9a-fA-F]{7,64}"));
    }

    /** The snapshot revisions of a cache entry, sorted (bounded). */
    private static List<String> snapshots(Path entry) {
        try (Stream<Path> s = Files.list(entry.resolve("snapshots"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().limit(MAX_LISTED).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /** For a cache entry {@code models--org--name}, the snapshot that {@code refs/main} names (or the only one). */
    private static Optional<Path> huggingFaceSnapshot(Path root) {
        Path fileName = root.getFileName();
        if (fileName == null || !fileName.toString().startsWith("models--") || !Files.isDirectory(root.resolve("snapshots"))) {
            return Optional.empty();
        }
        try {
            Path ref = root.resolve("refs").resolve("main");
            if (Files.isRegularFile(ref, LinkOption.NOFOLLOW_LINKS) && Files.size(ref) < 256) {
                String rev = Files.readString(ref).trim();
                if (rev.matches("[0-9a-fA-F]{7,64}") && Files.isDirectory(root.resolve("snapshots").resolve(rev))) {
                    return Optional.of(root.resolve("snapshots").resolve(rev));
                }
            }
            try (Stream<Path> snaps = Files.list(root.resolve("snapshots"))) {
                return snaps.filter(Files::isDirectory).sorted().reduce((a, b) -> b);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isCacheEntry(Path dir) {
        Path n = dir.getFileName();
        return n != null && n.toString().startsWith("models--") && Files.isDirectory(dir.resolve("snapshots"));
    }

    /** The cache entry folder around a snapshot folder, whose {@code blobs/} the snapshot links into. */
    private static Optional<Path> cacheEntryOf(Path dir) {
        Path snapshots = dir.getParent();
        if (snapshots == null || snapshots.getFileName() == null || !snapshots.getFileName().toString().equals("snapshots")) {
            return Optional.empty();
        }
        Path entry = snapshots.getParent();
        if (entry != null && entry.getFileName() != null && entry.getFileName().toString().startsWith("models--")) {
            return Optional.of(entry);
        }
        return Optional.empty();
    }

    private static String displayName(Path realRoot, Path walkRoot) {
        Optional<Path> entry = cacheEntryOf(walkRoot);
        if (entry.isPresent()) {
            String n = entry.get().getFileName().toString().substring("models--".length());
            return n.replaceFirst("--", "/");
        }
        Path fn = realRoot.getFileName();
        return fn == null ? realRoot.toString() : fn.toString();
    }

    private final class Walker extends SimpleFileVisitor<Path> {
        private final Path root;
        private final Path fence;
        private final List<RepoFile> files;
        private final List<Diagnostic> diagnostics;
        private final List<Diagnostic> unwalked;
        private boolean limitReported;

        Walker(Path root, Path fence, List<RepoFile> files, List<Diagnostic> diagnostics, List<Diagnostic> unwalked) {
            this.root = root;
            this.fence = fence;
            this.files = files;
            this.diagnostics = diagnostics;
            this.unwalked = unwalked;
        }

        private String rel(Path p) {
            // The path is a name for reports; reading goes through RepoFile.absolute, so escaping is safe.
            String r = OneLine.of(root.relativize(p).toString().replace('\\', '/'));
            return r.isEmpty() ? "." : r;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root)) {
                String n = dir.getFileName().toString();
                // Version-control and cache internals never hold the repository's own terms (.no_exist holds empty
                // markers of files the Hub does not have, named like the files themselves).
                if (n.equals(".git") || n.equals(".cache") || n.equals(".huggingface") || n.equals(".no_exist")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (root.relativize(dir).getNameCount() > limits.maxDepth()) {
                    diagnostics.add(new Diagnostic(rel(dir), "deeper than " + limits.maxDepth() + " folders; not walked"));
                    unwalked.add(new Diagnostic(rel(dir), "folder deeper than " + limits.maxDepth() + " levels (max-depth) was not walked: the files in it were not checked"));
                    return FileVisitResult.SKIP_SUBTREE;
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = rel(file);
            Path target = file;
            BasicFileAttributes effective = attrs;
            if (attrs.isSymbolicLink()) {
                try {
                    target = file.toRealPath();
                } catch (IOException e) {
                    diagnostics.add(new Diagnostic(rel, "broken symlink; not read"));
                    return FileVisitResult.CONTINUE;
                }
                if (!target.startsWith(fence)) {
                    diagnostics.add(new Diagnostic(rel, "symlink points outside the scanned folder; not followed"));
                    return FileVisitResult.CONTINUE;
                }
                try {
                    effective = Files.readAttributes(target, BasicFileAttributes.class);
                } catch (IOException e) {
                    diagnostics.add(new Diagnostic(rel, "cannot be read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
                if (effective.isDirectory()) {
                    diagnostics.add(new Diagnostic(rel, "symlink to a folder; not followed"));
                    return FileVisitResult.CONTINUE;
                }
            }
            if (!effective.isRegularFile()) {
                diagnostics.add(new Diagnostic(rel, "not a regular file (FIFO, device or socket); never opened"));
                return FileVisitResult.CONTINUE;
            }
            if (files.size() >= limits.maxFiles()) {
                if (!limitReported) {
                    diagnostics.add(new Diagnostic(".", "more than " + limits.maxFiles() + " files; the rest were not listed"));
                    unwalked.add(new Diagnostic(".", "files after the first " + limits.maxFiles()
                            + " (max-files) were not listed: they were not checked"));
                    limitReported = true;
                }
                return FileVisitResult.TERMINATE;
            }
            files.add(new RepoFile(rel, target, FileClassifier.classify(rel, effective.size()), effective.size(), fence, links(target)));
            return FileVisitResult.CONTINUE;
        }

        /** The hard-link count, or 1 where the file system has none to tell. */
        private int links(Path file) {
            try {
                return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return 1;
            }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            String why = exc instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : exc instanceof java.nio.file.FileSystemLoopException ? "folder loop"
                    : exc.getClass().getSimpleName();
            diagnostics.add(new Diagnostic(rel(file), "cannot be read: " + why));
            return FileVisitResult.CONTINUE;
        }
    }
}
