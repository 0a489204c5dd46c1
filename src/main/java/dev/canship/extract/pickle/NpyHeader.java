package dev.canship.extract.pickle;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} array: magic, version, a length, then a Python dict literal whose {@code descr}
 * gives the dtype. An object dtype ({@code 'O'} alone or inside a structured dtype) means a pickle of the array
 * follows the header; any other dtype means raw numbers follow.
 *
 * @param headerEnd   the byte where the data (or the pickle) starts
 * @param objectDtype whether the data is a pickle
 */
record NpyHeader(long headerEnd, boolean objectDtype) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the header from the first bytes of the file, reading more through {@code more} when the declared header
     * is longer than {@code head}.
     */
    static NpyHeader parse(String file, PickleInput in, long maxHeaderBytes) throws PickleFormatException, java.io.IOException {
        byte[] fixed = in.read(8);
        if (fixed == null || !hasMagic(fixed)) {
            throw new PickleFormatException(file, "not a .npy file (no \\x93NUMPY magic)");
        }
        int major = fixed[6] & 0xff;
        long len;
        int prefix;
        if (major == 1) {
            byte[] l = in.read(2);
            if (l == null) {
                throw new PickleFormatException(file, "truncated .npy header length");
            }
            len = (l[0] & 0xff) | (l[1] & 0xff) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] l = in.read(4);
            if (l == null) {
                throw new PickleFormatException(file, "truncated .npy header length");
            }
            len = (l[0] & 0xffL) | (l[1] & 0xffL) << 8 | (l[2] & 0xffL) << 16 | (l[3] & 0xffL) << 24;
            prefix = 12;
        } else {
            throw new PickleFormatException(file, ".npy format version " + major + " is not supported (1 to 3)");
        }
        if (len > Math.min(maxHeaderBytes, Integer.MAX_VALUE - 16)) {
            throw new PickleFormatException(file, ".npy header of " + len + " bytes is over the limit of " + maxHeaderBytes + " (max-header-bytes)");
        }
        byte[] text = in.read((int) len);
        if (text == null) {
            throw new PickleFormatException(file, ".npy header declares " + len + " bytes but the file is shorter (truncated)");
        }
        Object dict;
        try {
            dict = PyLiteral.parse(new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new PickleFormatException(file, ".npy header is not a Python literal: " + e.getMessage());
        }
        if (!(dict instanceof Map<?, ?> m) || !m.containsKey("descr")) {
            throw new PickleFormatException(file, ".npy header has no 'descr'");
        }
        return new NpyHeader(prefix + len, hasObject(m.get("descr"), 0));
    }

    /** {@code 'O'}, {@code '|O'}, {@code 'O8'}, or a structured dtype {@code [(name, dtype[, shape]), ...]} holding one. */
    private static boolean hasObject(Object descr, int depth) {
        if (depth > 32) {
            return true;
        }
        if (descr instanceof String s) {
            return s.matches("[<>|=]?O\\d*");
        }
        if (descr instanceof List<?> fields) {
            for (Object f : fields) {
                if (f instanceof List<?> t && t.size() >= 2 && hasObject(t.get(1), depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
