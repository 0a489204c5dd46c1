package dev.canship.extract.pickle;

import java.util.List;

/**
 * What the scan of one serialized file found: every global its pickles name, the ones outside the allowlist,
 * and the reason it could not be walked to the end, if any. Unsafe globals found before an error are kept.
 *
 * @param file    the file's path in the repository
 * @param format  {@code pytorch-zip}, {@code torchscript}, {@code pytorch-legacy}, {@code pytorch-legacy-tar}, {@code pickle},
 *                {@code joblib}, {@code numpy}, {@code numpy-zip}, {@code unchecked} (a folder or the files a scan bound
 *                left out), or {@code not-pickle} (a file with a pickle extension holding another format)
 * @param weights true when the name says the file holds model weights (not optimizer state or training arguments)
 * @param globals every global found, in order of first appearance
 * @param unsafe  {@code module.name} of each use outside the allowlist, with its reason
 * @param error   why the file could not be walked completely, or null
 * @param notes   what was skipped and why (e.g. byte strings that looked like pickles but were not)
 */
public record SerializationScan(String file, String format, boolean weights, List<GlobalUse> globals, List<String> unsafe,
                                String error, List<String> notes) {

    public SerializationScan {
        globals = List.copyOf(globals);
        unsafe = List.copyOf(unsafe);
        notes = List.copyOf(notes);
    }

    /** True when a pickle loader would run something unchecked here, or the file could not be checked. */
    public boolean failed() {
        return !unsafe.isEmpty() || error != null;
    }

    /** A pickle-based format (everything but {@code not-pickle}). */
    public boolean isPickle() {
        return !"not-pickle".equals(format);
    }
}
