package dev.canship.rules.facts;

import java.util.List;

/**
 * A file that a pickle loader (torch.load, pickle, joblib, numpy with allow_pickle) may open, as the pickle scan
 * saw it.
 *
 * @param file               path in the repository
 * @param format             pytorch-zip, torchscript, pytorch-legacy, pytorch-legacy-tar, pickle, joblib, numpy, numpy-zip,
 *                           or unchecked (what a scan bound left out)
 * @param weights            the name says model weights (not optimizer state or training arguments)
 * @param unsafeGlobals      each use outside the checkpoint allowlist, one line each with its reason
 * @param error              why the file could not be walked to its end, or null
 * @param safetensorsPresent the repository also has safetensors weights
 */
public record SerializedFile(String file, String format, boolean weights, List<String> unsafeGlobals, String error,
                             boolean safetensorsPresent) {

    public SerializedFile {
        unsafeGlobals = List.copyOf(unsafeGlobals);
    }

    /** The unsafe uses for a message: the first few, and how many more. */
    public String unsafeSummary() {
        int shown = Math.min(5, unsafeGlobals.size());
        String s = String.join("; ", unsafeGlobals.subList(0, shown));
        return unsafeGlobals.size() > shown ? s + "; and " + (unsafeGlobals.size() - shown) + " more" : s;
    }
}
