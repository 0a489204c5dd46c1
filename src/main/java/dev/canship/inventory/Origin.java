package dev.canship.inventory;

import java.util.List;

/**
 * Where a scanned model lives and which revision of it was read, for every report.
 *
 * @param kind     {@code folder}, {@code gguf-file}, {@code hf-cache}, {@code hf-local-dir}, {@code ollama},
 *                 {@code oci} (an OCI image layout: ModelPack, Docker Model Runner or KitOps artifact), {@code kitops}
 *                 (a folder with a Kitfile), {@code mlflow} (an MLflow transformers model folder) or {@code hf-hub} (a
 *                 model read remotely from the Hugging Face Hub)
 * @param revision the revision scanned (a Hugging Face commit, also the one a Hub revision resolved to, an Ollama
 *                 manifest digest), or null when the place
 *                 keeps none
 * @param notes    what a reader should know about the place: other revisions not scanned, how the revision was
 *                 chosen, checks skipped (untrusted text; one line each, sorted in the order they were found)
 * @param declared what the packaging's own metadata declares (a ModelPack or Kitfile license, an MLflow source model)
 */
public record Origin(String kind, String revision, List<String> notes, List<Declared> declared) {

    /** A plain folder: no revision, nothing to note. */
    public static final Origin FOLDER = new Origin("folder", null, List.of());

    public Origin {
        notes = notes.stream().map(OneLine::of).toList();
        declared = declared == null ? List.of() : List.copyOf(declared);
    }

    /** A place whose packaging declares nothing beyond its files. */
    public Origin(String kind, String revision, List<String> notes) {
        this(kind, revision, notes, List.of());
    }
}
