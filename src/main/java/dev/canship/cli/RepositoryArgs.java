package dev.canship.cli;

import dev.canship.BadInputException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repositories a command works on: paths given (folders, {@code .gguf} files, {@code ollama:NAME[:TAG]}; see
 * {@link dev.canship.source.ModelSources}), and every sub-folder of {@code --each ROOT}.
 */
final class RepositoryArgs {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Folder of a downloaded model repository (a Hugging Face cache entry or --local-dir download too), a single .gguf file, ollama:NAME[:TAG] for a model in the Ollama store, an OCI image layout folder (oci:PATH[:TAG] or PATH@sha256:DIGEST to choose a manifest), or hf:ORG/NAME[@REV] for a model on the Hugging Face Hub, read without downloading its weights; KitOps and MLflow folders too (several allowed).")
    List<Path> paths = new ArrayList<>();

    @picocli.CommandLine.Mixin
    HubOptions hubOptions = new HubOptions();

    /** How hf: repositories are reached, from the environment and --cache; read only when one is scanned. */
    java.util.function.Supplier<dev.canship.source.hub.HubSettings> hub() {
        return hubOptions.hub();
    }

    @Option(names = "--each", paramLabel = "ROOT",
            description = "Treat each sub-folder of ROOT as a repository (for a Hugging Face cache folder: each models--org--name entry).")
    List<Path> each = new ArrayList<>();

    /** The repositories in the order given; those found under --each sorted by name. */
    List<Path> repositories() {
        List<Path> out = new ArrayList<>(paths);
        for (Path root : each) {
            if (!Files.isDirectory(root)) {
                throw new BadInputException(root + ": --each needs a folder");
            }
            try (Stream<Path> s = Files.list(root)) {
                List<Path> subs = s.filter(p -> Files.isDirectory(p))
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> {
                            // In a Hugging Face cache only model entries are repositories (not datasets--, spaces--, .locks).
                            boolean cache = root.resolve(".locks").toFile().exists() || p.getFileName().toString().contains("--");
                            return !cache || p.getFileName().toString().startsWith("models--");
                        })
                        .sorted().toList();
                out.addAll(subs);
            } catch (IOException e) {
                throw new BadInputException(root + ": cannot be listed (" + e.getMessage() + ")");
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(each.isEmpty() ? "name at least one repository folder (or --each ROOT)" : "no repository folders under " + each);
        }
        return out;
    }
}
