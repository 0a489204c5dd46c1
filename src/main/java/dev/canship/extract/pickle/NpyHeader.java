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
        return new NpyHeader(prefix + len, hasObject(file, m.get("descr"), 0));
    }

    /** Type codes and names numpy reads as raw numbers, bytes, strings, voids or dates: no pickle follows them. */
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile(
            "[<>|=]?(?:[?bBhHiIlLqQpPeEfdgFDGc]|[biufc]\\d{1,2}|[SUVa]\\d*|[Mm]8?(?:\\[\\d*\\w+\\])?)"
            + "|(?:bool|bool_|int|uint|float|complex|str|bytes|void|datetime64|timedelta64|(?:u?int|float|complex)\\d{1,3}|half|single|double|longdouble|byte|ubyte|short|ushort|intc|uintc|intp|uintp|longlong|ulonglong|str_|bytes_|unicode|unicode_|string_)(?:\\[\\w+\\])?");
    /** numpy's spellings of the object type: {@code O}, {@code |O}, {@code O8}, {@code object}, {@code object_}, {@code object0}. */
    private static final java.util.regex.Pattern OBJECT = java.util.regex.Pattern.compile("[<>|=]?O\\d*|object|object_|object0");
    /** A sub-array prefix numpy accepts in a dtype string: {@code 2O}, {@code (2,3)O}. */
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("^(?:\\d+|\\([\\d, ]*\\))");

    /**
     * Whether the dtype {@code descr} holds objects, in every spelling {@code numpy.dtype} accepts: a type string
     * ({@code 'O'}, {@code '|O'}, {@code 'object_'}...), a comma list ({@code 'i4,O'}), a sub-array ({@code '(2,)O'},
     * {@code ('O', (2,))}), or a structured dtype {@code [(name, dtype[, shape]), ...]} nested to any depth. A spelling
     * canship does not recognise is refused (fail closed): numpy might read a pickle after it.
     */
    static boolean hasObject(String file, Object descr, int depth) throws PickleFormatException {
        if (depth > 32) {
            throw new PickleFormatException(file, ".npy dtype nested deeper than 32 levels: cannot tell whether a pickle follows");
        }
        if (descr instanceof String s) {
            boolean object = false;
            // Commas separate fields, except inside a sub-array shape: '(2,3)O,i4' is two fields.
            for (String part : s.split(",(?![^(]*\\))", -1)) {
                String t = SHAPE.matcher(part.strip()).replaceFirst("");
                if (t.isEmpty() && s.contains(",")) {
                    continue; // 'i4,' and the like: numpy ignores an empty trailing field
                }
                if (OBJECT.matcher(t).matches()) {
                    object = true;
                } else if (!PLAIN.matcher(t).matches()) {
                    throw new PickleFormatException(file, ".npy dtype '" + abbreviate(s) + "' is not one canship recognises: cannot tell whether a pickle follows");
                }
            }
            return object;
        }
        if (descr instanceof List<?> l) {
            // ('O', (2,)) is a sub-array of a dtype; [(name, dtype[, shape]), ...] a structured dtype (tuples read as lists).
            if (l.size() == 2 && !(l.get(0) instanceof List<?> && isField(l.get(0))) && isShape(l.get(1))) {
                return hasObject(file, l.get(0), depth + 1);
            }
            boolean object = false;
            for (Object f : l) {
                if (!isField(f)) {
                    throw new PickleFormatException(file, ".npy structured dtype has a field canship does not recognise: cannot tell whether a pickle follows");
                }
                object |= hasObject(file, ((List<?>) f).get(1), depth + 1);
            }
            return object;
        }
        throw new PickleFormatException(file, ".npy 'descr' is neither a string nor a list: cannot tell whether a pickle follows");
    }

    /** A field of a structured dtype: (name, dtype) or (name, dtype, shape), the name possibly a (title, name) pair. */
    private static boolean isField(Object f) {
        return f instanceof List<?> t && (t.size() == 2 || (t.size() == 3 && isShape(t.get(2))))
                && (t.get(0) instanceof String || t.get(0) instanceof List<?>);
    }

    private static boolean isShape(Object o) {
        return o instanceof Number || (o instanceof List<?> l && l.stream().allMatch(x -> x instanceof Number));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
