package dev.canship.cli;

import dev.canship.BadInputException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Options every subcommand shares: output format and destination. */
final class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json (every command); markdown, html, cyclonedx (scan and check); sarif, codequality (check) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output (its folder must exist; never a symlink, never inside a scanned repository; replaced atomically).")
    Path output;

    enum Format { text, json, sarif, codequality, markdown, html, cyclonedx }

    /**
     * For commands that write only text or JSON: any other {@code --format} is a usage error (exit 2), raised before
     * any work, rather than a text report the caller did not ask for.
     */
    void textOrJson(picocli.CommandLine commandLine) {
        if (format != Format.text && format != Format.json) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--format " + format + " is not available for "
                    + commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^canship ", "") + "; it writes text or json");
        }
    }

    /** Listing commands write JSON for json and text for everything else. */
    boolean json() {
        return format == Format.json;
    }

    /**
     * The clock that dates HTML reports and CycloneDX BOMs: {@code SOURCE_DATE_EPOCH} (seconds) when set, so that
     * a build can reproduce a report byte for byte, else the system clock in UTC.
     */
    static Clock reportClock() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.strip().matches("\\d{1,12}")) {
            return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(epoch.strip())), ZoneOffset.UTC);
        }
        return Clock.systemUTC();
    }

    /** The scanned repositories' folders (real paths), which the report must never be written into. */
    private final List<Path> fences = new ArrayList<>();

    /**
     * Checks {@code --output} before any work, against the repositories the run will read: its folder must exist
     * (it is never created), it must not be a symlink or anything but a regular file, and it must not lie inside a
     * scanned repository (a report written there would become part of what the next scan reads). A bad target is a
     * usage error (exit 2).
     */
    void refuseInside(List<Path> repositories) {
        for (Path repo : repositories) {
            try {
                Path real = dev.canship.source.ModelSources.localFolder(repo).orElse(repo).toRealPath();
                fences.add(real);
                // A Hugging Face snapshot belongs to its cache entry, whose blobs the scan reads too.
                for (Path p = real; p != null; p = p.getParent()) {
                    if (p.getFileName() != null && p.getFileName().toString().startsWith("models--")) {
                        fences.add(p);
                        break;
                    }
                }
            } catch (IOException e) {
                // A repository that does not exist is reported by the scan itself.
            }
        }
        if (output != null) {
            target();
        }
    }

    /** The checked output file's real folder and name; throws {@link BadInputException} when it may not be written. */
    private Path target() {
        return checkedTarget(output, fences);
    }

    /** {@code output}'s real folder and name, checked as {@link #refuseInside} says. */
    static Path checkedTarget(Path output, List<Path> fences) {
        Path abs = output.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null) {
            throw new BadInputException(output + ": --output needs a file name");
        }
        if (!Files.isDirectory(parent)) {
            throw new BadInputException(output + ": --output folder " + parent + " does not exist (canship does not create folders)");
        }
        if (Files.isSymbolicLink(abs)) {
            throw new BadInputException(output + ": --output is a symlink; canship does not write through symlinks");
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(output + ": --output exists and is not a regular file");
        }
        Path realParent;
        try {
            realParent = parent.toRealPath();
        } catch (IOException e) {
            throw new BadInputException(output + ": --output folder cannot be opened (" + e.getMessage() + ")");
        }
        for (Path fence : fences) {
            if (realParent.startsWith(fence)) {
                throw new BadInputException(output + ": --output is inside the scanned repository " + fence + "; write the report elsewhere");
            }
        }
        return realParent.resolve(abs.getFileName());
    }

    /**
     * Writes {@code text} to the output file, or to {@code out}. The file is written as a temporary file in the same
     * folder and renamed into place (atomically: a reader sees the old report or the new one, never half of one, and
     * a symlink swapped in meanwhile is replaced, not followed). A write that fails, to the file or to standard
     * output (closed, or a full disk), is one line and exit 2.
     */
    void emit(String text, PrintWriter out) {
        if (output == null) {
            out.print(text);
            out.flush();
            if (out.checkError() && !StandardOutput.readerGone()) {
                // A reader that stopped reading (| head) is no failure; a full disk or a closed descriptor is.
                throw new BadInputException("standard output: cannot write the report (closed, or the disk is full)");
            }
            return;
        }
        writeAtomically(target(), text.getBytes(StandardCharsets.UTF_8), output.toString());
    }

    /** {@code bytes} into {@code file} through a temporary file in its folder and an atomic rename. */
    static void writeAtomically(Path file, byte[] bytes, String shownAs) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".canship-tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            }
            // A temporary file is created owner-only; the report gets the permissions of the file it replaces, or
            // the usual rw-r--r-- of a new file.
            if (Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        ? Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException | UnsupportedOperationException e) {
            throw new BadInputException(shownAs + ": cannot write the report (" + e.getMessage() + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed and says so; a leftover temporary file is named for what it was.
                }
            }
        }
    }

    /**
     * The reporter for {@code --format}; every format serves both commands but SARIF, which reports findings
     * and so only a check has them. A wrong choice is a usage error, raised before any work.
     */
    dev.canship.report.Reporter reporter(picocli.CommandLine commandLine, boolean check) {
        return switch (format) {
            case json -> new dev.canship.report.JsonReporter();
            case text -> new dev.canship.report.TextReporter();
            case markdown -> new dev.canship.report.MarkdownReporter();
            case html -> new dev.canship.report.HtmlReporter(dev.canship.rules.RuleCatalog.bundled(), dev.canship.identify.KnowledgeBase.bundled(), reportClock());
            case cyclonedx -> new dev.canship.report.CycloneDxReporter(dev.canship.identify.KnowledgeBase.bundled(), reportClock());
            case codequality -> {
                if (!check) {
                    throw new picocli.CommandLine.ParameterException(commandLine, "--format codequality is for check; scan writes text, json, markdown, html or cyclonedx");
                }
                yield new dev.canship.report.CodeQualityReporter();
            }
            case sarif -> {
                if (!check) {
                    throw new picocli.CommandLine.ParameterException(commandLine, "--format sarif is for check; scan writes text, json, markdown, html or cyclonedx");
                }
                yield new dev.canship.report.SarifReporter(dev.canship.rules.RuleCatalog.bundled());
            }
        };
    }
}
