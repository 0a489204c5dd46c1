package dev.canship.extract.weights;

import java.util.Map;
import java.util.Optional;

/**
 * What one weight file's header says, without its tensor data: exact parameter counts from tensor shapes,
 * split into routed-expert and other parameters, and the file's own metadata.
 *
 * @param file            file name (base name)
 * @param format          {@code safetensors} or {@code gguf}
 * @param paramsByDtype   parameters per storage type (quantization side data and buffers excluded)
 * @param expertParams    parameters of routed experts
 * @param nonExpertParams every other parameter (embeddings, LM head, attention, shared experts, norms, towers)
 * @param metadata        safetensors {@code __metadata__}, or GGUF {@code general.*} string values
 * @param integers        GGUF integer and boolean scalars by key ({@code llama.expert_count},
 *                        {@code general.file_type}...); empty for safetensors
 * @param arrayLengths    GGUF array lengths by key ({@code tokenizer.ggml.tokens}...); arrays are skipped, not
 *                        kept
 * @param tensors         the tensors, totalled as read (a header may declare a million of them)
 * @param fileSizeBytes   size of the file on disk
 * @param headerBytes     bytes read to parse the header (the reader never reads further)
 * @param tensorDataBytes bytes the header says the tensor data occupies
 */
public record WeightsHeader(
        String file,
        String format,
        Map<String, Long> paramsByDtype,
        long expertParams,
        long nonExpertParams,
        Map<String, String> metadata,
        Map<String, Long> integers,
        Map<String, Long> arrayLengths,
        TensorSummary tensors,
        long fileSizeBytes,
        long headerBytes,
        long tensorDataBytes) {

    public static final String SAFETENSORS = "safetensors";
    public static final String GGUF = "gguf";

    public WeightsHeader {
        paramsByDtype = Map.copyOf(paramsByDtype);
        metadata = Map.copyOf(metadata);
        integers = Map.copyOf(integers);
        arrayLengths = Map.copyOf(arrayLengths);
    }

    /** The same header named by its path in the repository (a cache blob's real name is a hash). */
    public WeightsHeader withFile(String name) {
        return new WeightsHeader(name, format, paramsByDtype, expertParams, nonExpertParams, metadata, integers, arrayLengths,
                tensors, fileSizeBytes, headerBytes, tensorDataBytes);
    }

    /** All parameters in this file. */
    public long totalParams() {
        return expertParams + nonExpertParams;
    }

    /** Parameters per role (parameter roles only). */
    public Map<TensorRole, Long> paramsByRole() {
        return tensors.paramsByRole();
    }

    /** A GGUF integer scalar, e.g. {@code integer("llama.expert_count")}. */
    public Optional<Long> integer(String key) {
        return Optional.ofNullable(integers.get(key));
    }

    /** A GGUF key under the file's architecture prefix, e.g. {@code archInteger("expert_count")}. */
    public Optional<Long> archInteger(String suffix) {
        String arch = metadata.get("general.architecture");
        return arch == null ? Optional.empty() : integer(arch + "." + suffix);
    }
}
