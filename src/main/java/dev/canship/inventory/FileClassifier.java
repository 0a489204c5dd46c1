package dev.canship.inventory;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names a file's role from its name alone. Content-based recognition (a license saved as
 * {@code terms.pdf}) happens later: such files are classed {@link FileRole#DOCUMENT} so they are read.
 */
public final class FileClassifier {

    private static final Set<String> WEIGHT_EXTENSIONS = Set.of(
            "safetensors", "gguf", "bin", "pt", "pth", "ckpt", "pkl", "pickle", "joblib", "npy", "npz",
            "onnx", "h5", "msgpack", "tflite", "mlmodel", "ot");
    private static final Set<String> DOCUMENT_EXTENSIONS = Set.of("txt", "md", "markdown", "html", "htm", "pdf", "docx", "rtf");
    /**
     * Extensions that are never a license text: code, configuration, data, images, archives. A license-named file
     * with any other extension ({@code LICENSE.rst}, {@code LICENSE.llama3.1}, {@code Meta-Llama-3.1-License}) is
     * read, since a repository's license text may be saved under any name and an unread one would be a silent pass.
     */
    private static final Set<String> NEVER_TEXT_EXTENSIONS = Set.of(
            "json", "jsonl", "yaml", "yml", "toml", "ini", "cfg", "py", "pyc", "ipynb", "js", "ts", "java", "c", "h", "cpp",
            "cu", "rs", "go", "sh", "bat", "ps1", "csv", "tsv", "parquet", "arrow", "png", "jpg", "jpeg", "gif", "svg", "webp",
            "ico", "zip", "gz", "tgz", "tar", "bz2", "xz", "zst", "7z", "whl", "jar", "so", "dll", "dylib", "exe", "wasm",
            "model", "vocab", "tiktoken", "spm", "wav", "mp3", "mp4", "jinja", "lock");
    private static final Pattern LICENSE = Pattern.compile("^(licen[cs]e|copying|terms|.*[-_ .]licen[cs]e|.*licen[cs]e[-_ .].*|.*[-_ .]terms|terms[-_ .].*|.*terms[-_ ]of[-_ ]use.*|.*agreement.*)(\\..*)?$");
    private static final Pattern USE_POLICY = Pattern.compile("^.*(use[-_ ]?policy|usage[-_ ]?policy|acceptable[-_ ]use|prohibited[-_ ]use|responsible[-_ ]use).*$");
    private static final Pattern NOTICE = Pattern.compile("^notice(\\.(txt|md))?$");

    private FileClassifier() {
    }

    /** The role of a file by its path relative to the repository root. */
    public static FileRole classify(String relativePath, long size) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean atTop = relativePath.indexOf('/') < 0;
        String ext = extension(name);
        if (name.equals("readme.md") && atTop) {
            return FileRole.MODEL_CARD;
        }
        if (name.equals("config.json")) {
            return atTop ? FileRole.CONFIG : FileRole.OTHER;
        }
        if (name.equals("adapter_config.json")) {
            return FileRole.ADAPTER_CONFIG;
        }
        if (name.endsWith(".safetensors.index.json") || name.endsWith(".bin.index.json")) {
            return FileRole.WEIGHTS_INDEX;
        }
        if (WEIGHT_EXTENSIONS.contains(ext)) {
            return FileRole.WEIGHTS;
        }
        if (NOTICE.matcher(name).matches()) {
            return FileRole.NOTICE;
        }
        boolean textLike = !NEVER_TEXT_EXTENSIONS.contains(ext);
        if (textLike && USE_POLICY.matcher(name).matches()) {
            return FileRole.USE_POLICY;
        }
        if (textLike && LICENSE.matcher(name).matches()) {
            return FileRole.LICENSE;
        }
        if (DOCUMENT_EXTENSIONS.contains(ext)) {
            return FileRole.DOCUMENT;
        }
        return FileRole.OTHER;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
