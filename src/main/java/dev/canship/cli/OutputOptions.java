package dev.canship.cli;

import dev.canship.BadInputException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Options every subcommand shares: output format and destination. */
final class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json (every command); sarif, markdown (check) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    enum Format { text, json, sarif, markdown }

    /** Listing commands write JSON for json and text for everything else. */
    boolean json() {
        return format == Format.json;
    }

    /** Writes {@code text} to the output file, or to {@code out}. */
    void emit(String text, PrintWriter out) {
        if (output == null) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(output + ": cannot write the report (" + e.getMessage() + ")");
        }
    }
}
