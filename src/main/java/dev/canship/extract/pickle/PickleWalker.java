package dev.canship.extract.pickle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks the opcode stream of one pickle (protocols 0 to 5) from its first opcode to STOP, without unpickling
 * anything. A small abstract stack and memo follow the values that matter: strings (so STACK_GLOBAL's module
 * and name resolve through PUT/GET and MEMOIZE as they would in Python) and globals (so REDUCE, BUILD, NEWOBJ,
 * NEWOBJ_EX, OBJ and INST are tied to the global they call). Every other value is opaque.
 *
 * <p>Lengths are read exactly as CPython reads them, so the walk cannot be desynchronised from what a loader
 * sees; where CPython would stop with an error, the walk stops with one too. Byte strings that are themselves
 * pickles are walked as nested pickles.
 */
final class PickleWalker {

    /** Strings longer than this are not kept: no module or attribute name is this long. */
    static final int MAX_KEPT_STRING = 256;
    /** Longest GLOBAL, INST or number operand (protocol 0) kept; longer numbers are read through, not kept. */
    static final int MAX_LINE = 64 * 1024;
    /** Protocol 0 byte strings are tried as nested pickles only up to this size. */
    static final int MAX_TEXT_NESTED = 1 << 20;

    /** Every opcode of protocols 0 to 5, as CPython's unpickler dispatches them. */
    private static final String OPCODES = "(.012FIJKLMNPQRSTUVXabcdeghijlopqrstu}])GBC";

    /** Whether {@code b} is an opcode a pickle may start with (any opcode: CPython does not check position). */
    static boolean isOpcode(int b) {
        return (b >= 0x80 && b <= 0x98) || (b < 0x80 && OPCODES.indexOf(b) >= 0);
    }

    /** An abstract value on the stack or in the memo. */
    private interface V {
    }

    private enum Tok implements V { MARK, OTHER, LONG_TEXT }

    private record Str(String s) implements V {
    }

    private record Glob(String module, String name) implements V {
    }

    /** Something made by calling or instantiating a global. */
    private record Obj(Glob origin) implements V {
    }

    private final PickleScanState state;
    private final int nesting;
    private final String where;
    private final List<V> stack = new ArrayList<>();
    private V[] memo = new V[64];
    private int memoCount;
    private int marks;

    PickleWalker(PickleScanState state, int nesting, String where) {
        this.state = state;
        this.nesting = nesting;
        this.where = where;
    }

    /** Walks one pickle from the input's position through its STOP opcode. */
    void walk(PickleInput in) throws PickleFormatException, IOException {
        while (true) {
            long at = in.position();
            int op = in.read();
            if (op < 0) {
                throw fail(at, "the pickle ends without a STOP opcode (truncated)");
            }
            state.countOp(where, at);
            state.checkBytes(where, in.bytesRead());
            switch (op) {
                case '(' -> mark(at);
                case '.' -> {
                    pop(at, "STOP");
                    return;
                }
                case '0' -> {
                    if (stack.isEmpty()) {
                        throw fail(at, "POP on an empty stack");
                    }
                    if (stack.remove(stack.size() - 1) == Tok.MARK) {
                        marks--;
                    }
                }
                case '1' -> popMark(at, "POP_MARK");
                case '2' -> push(at, peek(at, "DUP"));
                case 'F', 'I', 'L' -> {
                    line(in, at, MAX_LINE);
                    push(at, Tok.OTHER);
                }
                case 'J' -> fixed(in, at, 4);
                case 'K' -> fixed(in, at, 1);
                case 'M' -> fixed(in, at, 2);
                case 'G' -> fixed(in, at, 8);
                case 'N', 0x88, 0x89, '}', ']', ')', 0x8f -> push(at, Tok.OTHER);
                case 'P' -> {
                    line(in, at, MAX_LINE);
                    push(at, Tok.OTHER);
                }
                case 'Q' -> {
                    pop(at, "BINPERSID");
                    push(at, Tok.OTHER);
                }
                case 'R' -> {
                    pop(at, "REDUCE");
                    V callable = pop(at, "REDUCE");
                    push(at, call(callable, "REDUCE"));
                }
                case 'S' -> push(at, quotedString(in, at));
                case 'T' -> {
                    long n = le(in, at, 4, true);
                    if (n < 0) {
                        throw fail(at, "BINSTRING has a negative length");
                    }
                    push(at, bytesValue(in, at, n, true));
                }
                case 'U' -> push(at, bytesValue(in, at, le(in, at, 1, false), true));
                case 'V' -> push(at, rawUnicode(in, at));
                case 'X' -> push(at, unicode(in, at, le(in, at, 4, false)));
                case 0x8c -> push(at, unicode(in, at, le(in, at, 1, false)));
                case 0x8d -> push(at, unicode(in, at, u64(in, at)));
                case 'B' -> push(at, bytesValue(in, at, le(in, at, 4, false), false));
                case 'C' -> push(at, bytesValue(in, at, le(in, at, 1, false), false));
                case 0x8e, 0x96 -> push(at, bytesValue(in, at, u64(in, at), false));
                case 'a' -> {
                    pop(at, "APPEND");
                    peek(at, "APPEND");
                }
                case 'e', 'u', 0x90 -> {
                    popMark(at, "APPENDS/SETITEMS/ADDITEMS");
                    peek(at, "APPENDS/SETITEMS/ADDITEMS");
                }
                case 's' -> {
                    pop(at, "SETITEM");
                    pop(at, "SETITEM");
                    peek(at, "SETITEM");
                }
                case 'b' -> {
                    pop(at, "BUILD");
                    build(peek(at, "BUILD"), at);
                }
                case 'c' -> {
                    String module = utf8Line(in, at);
                    String name = utf8Line(in, at);
                    push(at, global(module, name, "GLOBAL"));
                }
                case 'i' -> {
                    String module = asciiLine(in, at);
                    String name = asciiLine(in, at);
                    popMark(at, "INST");
                    Glob g = global(module, name, "INST");
                    push(at, call(g, "INST"));
                }
                case 'o' -> {
                    List<V> items = popMark(at, "OBJ");
                    if (items.isEmpty()) {
                        throw fail(at, "OBJ without a class");
                    }
                    push(at, call(items.get(0), "OBJ"));
                }
                case 'd', 'l', 't', 0x91 -> {
                    popMark(at, "DICT/LIST/TUPLE/FROZENSET");
                    push(at, Tok.OTHER);
                }
                case 0x85, 0x86, 0x87 -> {
                    for (int i = 0; i < op - 0x84; i++) {
                        pop(at, "TUPLE" + (op - 0x84));
                    }
                    push(at, Tok.OTHER);
                }
                case 'g' -> push(at, memoGet(at, parseIndex(line(in, at, MAX_LINE), at, "GET")));
                case 'h' -> push(at, memoGet(at, le(in, at, 1, false)));
                case 'j' -> push(at, memoGet(at, le(in, at, 4, false)));
                case 'p' -> memoPut(at, parseIndex(line(in, at, MAX_LINE), at, "PUT"));
                case 'q' -> memoPut(at, le(in, at, 1, false));
                case 'r' -> memoPut(at, le(in, at, 4, false));
                case 0x94 -> memoPut(at, memoCount);
                case 0x80 -> {
                    long proto = le(in, at, 1, false);
                    if (proto > 5) {
                        throw fail(at, "unsupported pickle protocol " + proto);
                    }
                }
                case 0x81 -> {
                    pop(at, "NEWOBJ");
                    push(at, call(pop(at, "NEWOBJ"), "NEWOBJ"));
                }
                case 0x92 -> {
                    pop(at, "NEWOBJ_EX");
                    pop(at, "NEWOBJ_EX");
                    push(at, call(pop(at, "NEWOBJ_EX"), "NEWOBJ_EX"));
                }
                case 0x82, 0x83, 0x84 -> {
                    long code = le(in, at, op == 0x82 ? 1 : op == 0x83 ? 2 : 4, op == 0x84);
                    state.unsafe("copyreg extension code " + code + " (EXT opcode at byte " + at + ": resolves to any registered global)", nesting > 0);
                    push(at, Tok.OTHER);
                }
                case 0x8a -> skipOperand(in, at, le(in, at, 1, false));
                case 0x8b -> {
                    long n = le(in, at, 4, true);
                    if (n < 0) {
                        throw fail(at, "LONG4 has a negative length");
                    }
                    skipOperand(in, at, n);
                }
                case 0x93 -> {
                    V name = pop(at, "STACK_GLOBAL");
                    V module = pop(at, "STACK_GLOBAL");
                    if (module instanceof Str m && name instanceof Str n) {
                        push(at, global(m.s(), n.s(), "STACK_GLOBAL"));
                    } else {
                        state.unsafe("STACK_GLOBAL at byte " + at + " whose module and name cannot be resolved statically", nesting > 0);
                        push(at, Tok.OTHER);
                    }
                }
                case 0x95 -> {
                    long n = u64(in, at);
                    if (n > in.remaining()) {
                        throw fail(at, "FRAME of " + n + " bytes but only " + in.remaining() + " are left (truncated)");
                    }
                }
                case 0x97 -> throw fail(at, "NEXT_BUFFER refers to out-of-band data, which a file cannot carry");
                case 0x98 -> peek(at, "READONLY_BUFFER");
                default -> throw fail(at, String.format("unknown opcode 0x%02x", op));
            }
        }
    }

    private PickleFormatException fail(long at, String reason) {
        return state.fail(where + reason + " at byte " + at);
    }

    private void push(long at, V v) throws PickleFormatException {
        if (stack.size() >= state.limits().maxPickleStack()) {
            throw fail(at, "stack deeper than the limit of " + state.limits().maxPickleStack() + " (max-pickle-stack)");
        }
        stack.add(v);
    }

    private void mark(long at) throws PickleFormatException {
        push(at, Tok.MARK);
        marks++;
    }

    /** Pops one value above the last mark; CPython refuses to pop through a mark ("stack underflow"). */
    private V pop(long at, String op) throws PickleFormatException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == Tok.MARK) {
            throw fail(at, op + " on an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private V peek(long at, String op) throws PickleFormatException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == Tok.MARK) {
            throw fail(at, op + " on an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    /** Pops everything above the last mark, and the mark; returns the items in stack order. */
    private List<V> popMark(long at, String op) throws PickleFormatException {
        if (marks == 0) {
            throw fail(at, op + " without a MARK");
        }
        int i = stack.size() - 1;
        while (stack.get(i) != Tok.MARK) {
            i--;
        }
        List<V> items = new ArrayList<>(stack.subList(i + 1, stack.size()));
        stack.subList(i, stack.size()).clear();
        marks--;
        return items;
    }

    private Glob global(String module, String name, String op) {
        Glob g = new Glob(module, name);
        state.use(module, name, op, nesting > 0);
        return g;
    }

    /** A call or instantiation: ties the op to the global called; the result is an object of that origin. */
    private V call(V callable, String op) {
        if (callable instanceof Glob g) {
            state.use(g.module(), g.name(), op, nesting > 0);
            return new Obj(g);
        }
        return Tok.OTHER;
    }

    /** BUILD sets state on the object below it: on an instance that is its class's __setstate__ or __dict__. */
    private void build(V inst, long at) {
        if (inst instanceof Obj o) {
            state.use(o.origin().module(), o.origin().name(), "BUILD", nesting > 0);
        } else if (inst instanceof Glob g) {
            // BUILD on a module, class or function itself overwrites its attributes (e.g. a function's __code__).
            state.use(g.module(), g.name(), "BUILD", nesting > 0);
            state.unsafe(g.module() + "." + g.name() + " modified by BUILD at byte " + at + " (sets attributes of the global itself)", nesting > 0);
        }
    }

    private void memoPut(long at, long index) throws PickleFormatException {
        if (index < 0 || index >= state.limits().maxPickleMemo()) {
            throw fail(at, "memo index " + index + " over the limit of " + state.limits().maxPickleMemo() + " (max-pickle-memo)");
        }
        V v = peek(at, "PUT");
        int i = (int) index;
        if (i >= memo.length) {
            memo = Arrays.copyOf(memo, (int) Math.min(state.limits().maxPickleMemo(), Math.max(i + 1L, memo.length * 2L)));
        }
        if (memo[i] == null) {
            memoCount++;
        }
        memo[i] = v;
    }

    private V memoGet(long at, long index) throws PickleFormatException {
        if (index < 0 || index >= memo.length || memo[(int) index] == null) {
            throw fail(at, "memo index " + index + " was never set");
        }
        return memo[(int) index];
    }

    private long parseIndex(String line, long at, String op) throws PickleFormatException {
        String t = line == null ? "" : line.strip();
        if (!t.matches("\\d{1,18}")) {
            throw fail(at, op + " index '" + abbreviate(t) + "' is not a number");
        }
        return Long.parseLong(t);
    }

    private void fixed(PickleInput in, long at, int n) throws PickleFormatException, IOException {
        if (!in.skip(n)) {
            throw fail(at, "truncated operand");
        }
        push(at, Tok.OTHER);
    }

    /** A little-endian integer operand; signed for BININT-style 4-byte lengths that CPython reads as {@code <i}. */
    private long le(PickleInput in, long at, int n, boolean signed) throws PickleFormatException, IOException {
        byte[] b = in.read(n);
        if (b == null) {
            throw fail(at, "truncated operand");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (b[i] & 0xff) << (8 * i);
        }
        if (signed && n == 4) {
            v = (int) v;
        }
        return v;
    }

    private long u64(PickleInput in, long at) throws PickleFormatException, IOException {
        long v = le(in, at, 8, false);
        if (v < 0) {
            throw fail(at, "length " + Long.toUnsignedString(v) + " is absurdly large");
        }
        return v;
    }

    /**
     * A protocol 0 text operand up to its newline, as latin-1 (one char per byte), or null when it is longer than
     * {@code keep} bytes: then it is read to its newline without being kept (numbers and strings of any length are
     * valid pickle; their bytes still count against max-pickle-bytes).
     */
    private String line(PickleInput in, long at, int keep) throws PickleFormatException, IOException {
        byte[] b = lineBytes(in, at, keep);
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    /** GLOBAL's module and name: CPython decodes them as UTF-8. */
    private String utf8Line(PickleInput in, long at) throws PickleFormatException, IOException {
        byte[] b = lineBytes(in, at, MAX_LINE);
        if (b == null) {
            throw fail(at, "GLOBAL operand longer than " + MAX_LINE + " bytes");
        }
        return utf8(b, at);
    }

    /** INST's module and name: CPython decodes them as ASCII and stops on anything else. */
    private String asciiLine(PickleInput in, long at) throws PickleFormatException, IOException {
        byte[] b = lineBytes(in, at, MAX_LINE);
        if (b == null) {
            throw fail(at, "INST operand longer than " + MAX_LINE + " bytes");
        }
        for (byte x : b) {
            if (x < 0) {
                throw fail(at, "INST operand is not ASCII");
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    private byte[] lineBytes(PickleInput in, long at, int keep) throws PickleFormatException, IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        boolean kept = true;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw fail(at, "text operand without a newline (truncated)");
            }
            if (c == '\n') {
                break;
            }
            if (kept && b.size() >= keep) {
                kept = false;
                b = new java.io.ByteArrayOutputStream(0);
                // Long lines are charged as they are read; stop at the bound rather than after the line.
            }
            if (kept) {
                b.write(c);
            } else {
                state.checkBytes(where, in.bytesRead());
            }
        }
        return kept ? b.toByteArray() : null;
    }

    private String utf8(byte[] b, long at) throws PickleFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw fail(at, "operand is not valid UTF-8");
        }
    }

    private void skipOperand(PickleInput in, long at, long n) throws PickleFormatException, IOException {
        if (!in.skip(n)) {
            throw fail(at, "operand of " + n + " bytes but only " + in.remaining() + " are left (truncated)");
        }
        push(at, Tok.OTHER);
    }

    /**
     * A byte-string operand. Short ones are kept as text (protocol 0-2 strings are text in Python 3); one that
     * starts like a pickle is read and walked as a nested pickle; anything else is skipped unread.
     */
    private V bytesValue(PickleInput in, long at, long n, boolean text) throws PickleFormatException, IOException {
        if (n > in.remaining()) {
            throw fail(at, "operand of " + n + " bytes but only " + in.remaining() + " are left (truncated)");
        }
        if (n < 2) {
            byte[] b = in.read((int) n);
            return text ? new Str(new String(b, StandardCharsets.ISO_8859_1)) : Tok.OTHER;
        }
        byte[] head = in.read(2);
        boolean binaryPickle = (head[0] & 0xff) == 0x80 && head[1] >= 0 && head[1] <= 5;
        boolean textPickle = textPickleStart(head[0]) && n <= MAX_TEXT_NESTED;
        if (n <= MAX_KEPT_STRING || binaryPickle || textPickle) {
            if (n - 2 > state.bytesLeft(in.bytesRead())) {
                state.note(where + "byte string of " + n + " bytes at byte " + at + " not read (max-pickle-bytes)");
                in.skip(n - 2);
                return Tok.OTHER;
            }
            byte[] rest = in.read((int) (n - 2));
            if (rest == null) {
                throw fail(at, "truncated operand");
            }
            byte[] all = concat(head, rest);
            maybeNested(all, at);
            return text && n <= MAX_KEPT_STRING ? new Str(new String(all, StandardCharsets.ISO_8859_1)) : textOrOther(text);
        }
        in.skip(n - 2);
        return textOrOther(text);
    }

    private static V textOrOther(boolean text) {
        return text ? Tok.LONG_TEXT : Tok.OTHER;
    }

    /** A UTF-8 string operand; protocol 2 writes bytes as such strings (latin-1 code points), so those may hold pickles too. */
    private V unicode(PickleInput in, long at, long n) throws PickleFormatException, IOException {
        if (n > in.remaining()) {
            throw fail(at, "string of " + n + " bytes but only " + in.remaining() + " are left (truncated)");
        }
        if (n < 2) {
            byte[] b = in.read((int) n);
            return new Str(utf8(b, at));
        }
        byte[] head = in.read(2);
        boolean binaryPickle = (head[0] & 0xff) == 0xc2 && (head[1] & 0xff) == 0x80;
        boolean textPickle = textPickleStart(head[0]) && n <= MAX_TEXT_NESTED;
        if (n <= MAX_KEPT_STRING || binaryPickle || textPickle) {
            if (n - 2 > state.bytesLeft(in.bytesRead())) {
                state.note(where + "string of " + n + " bytes at byte " + at + " not read (max-pickle-bytes)");
                in.skip(n - 2);
                return Tok.LONG_TEXT;
            }
            byte[] rest = in.read((int) (n - 2));
            if (rest == null) {
                throw fail(at, "truncated string");
            }
            String s = utf8(concat(head, rest), at);
            if (s.chars().allMatch(c -> c <= 0xff)) {
                maybeNested(s.getBytes(StandardCharsets.ISO_8859_1), at);
            }
            return n <= MAX_KEPT_STRING ? new Str(s) : Tok.LONG_TEXT;
        }
        // Not kept: still validated as CPython would, without holding it (skipped strings are not checked).
        in.skip(n - 2);
        return Tok.LONG_TEXT;
    }

    /** STRING: a quoted, backslash-escaped line (protocol 0). */
    private V quotedString(PickleInput in, long at) throws PickleFormatException, IOException {
        String l = line(in, at, MAX_TEXT_NESTED);
        if (l == null) {
            return Tok.LONG_TEXT;
        }
        if (l.length() < 2 || l.charAt(0) != l.charAt(l.length() - 1) || (l.charAt(0) != '\'' && l.charAt(0) != '"')) {
            throw fail(at, "the STRING opcode argument must be quoted");
        }
        byte[] b = escapeDecode(l.substring(1, l.length() - 1));
        maybeNested(b, at);
        return b.length <= MAX_KEPT_STRING ? new Str(new String(b, StandardCharsets.ISO_8859_1)) : Tok.LONG_TEXT;
    }

    /**
     * UNICODE: a line in Python's raw-unicode-escape encoding. Bytes are code points 0-255; a backslash run of odd
     * length before {@code u} or {@code U} makes its last backslash start an escape, as CPython decodes it.
     */
    private V rawUnicode(PickleInput in, long at) throws PickleFormatException, IOException {
        String l = line(in, at, MAX_TEXT_NESTED);
        if (l == null) {
            return Tok.LONG_TEXT;
        }
        StringBuilder sb = new StringBuilder(l.length());
        int i = 0;
        while (i < l.length()) {
            char c = l.charAt(i);
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < l.length() && l.charAt(j) == '\\') {
                j++;
            }
            int run = j - i;
            if (run % 2 == 0 || j >= l.length() || (l.charAt(j) != 'u' && l.charAt(j) != 'U')) {
                sb.append(l, i, j);
                i = j;
                continue;
            }
            sb.append(l, i, j - 1);
            int digits = l.charAt(j) == 'u' ? 4 : 8;
            if (j + 1 + digits > l.length() || !l.substring(j + 1, j + 1 + digits).matches("[0-9a-fA-F]+")) {
                throw fail(at, "truncated or bad \\u escape in UNICODE");
            }
            long cp = Long.parseLong(l.substring(j + 1, j + 1 + digits), 16);
            if (cp > Character.MAX_CODE_POINT) {
                throw fail(at, "\\U escape out of range in UNICODE");
            }
            sb.appendCodePoint((int) cp);
            i = j + 1 + digits;
        }
        String s = sb.toString();
        if (s.chars().allMatch(c -> c <= 0xff)) {
            maybeNested(s.getBytes(StandardCharsets.ISO_8859_1), at);
        }
        return s.length() <= MAX_KEPT_STRING ? new Str(s) : Tok.LONG_TEXT;
    }

    /** Python's escape_decode for STRING operands: \\, \', \", \n, \t, \r, \xhh, octal and friends. */
    private byte[] escapeDecode(String s) throws PickleFormatException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < raw.length; i++) {
            int c = raw[i] & 0xff;
            if (c != '\\' || i + 1 >= raw.length) {
                out.write(c);
                continue;
            }
            int e = raw[++i] & 0xff;
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case '\n' -> {
                }
                case 'x' -> {
                    if (i + 2 >= raw.length) {
                        throw state.fail(where + "truncated \\x escape in STRING");
                    }
                    String hex = new String(raw, i + 1, 2, StandardCharsets.ISO_8859_1);
                    if (!hex.matches("[0-9a-fA-F]{2}")) {
                        throw state.fail(where + "invalid \\x escape in STRING");
                    }
                    out.write(Integer.parseInt(hex, 16));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int k = 1;
                        while (k < 3 && i + 1 < raw.length && raw[i + 1] >= '0' && raw[i + 1] <= '7') {
                            v = v * 8 + (raw[++i] - '0');
                            k++;
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write('\\');
                        out.write(e);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** Walks a byte string that looks like a pickle as a nested one; a failure there is noted, not fatal. */
    private void maybeNested(byte[] data, long at) throws PickleFormatException {
        if (data.length < 2) {
            return;
        }
        boolean binary = (data[0] & 0xff) == 0x80 && data[1] >= 0 && data[1] <= 5;
        boolean text = textPickleStart(data[0]) && data[data.length - 1] == '.' && indexOf(data, (byte) '\n') > 0;
        if (!binary && !text) {
            return;
        }
        if (nesting >= state.limits().maxPickleNesting()) {
            // Fail closed: what is not walked cannot be called safe (loading it also needs an unpickling global, flagged itself).
            state.unsafe(where + "pickle nested at byte " + at + " not walked: deeper than " + state.limits().maxPickleNesting() + " (max-pickle-nesting)", true);
            return;
        }
        PickleWalker child = new PickleWalker(state, nesting + 1, where + "pickle nested at byte " + at + ": ");
        try {
            child.walk(PickleInput.of(data));
        } catch (PickleFormatException e) {
            if (state.overBudget()) {
                throw e;
            }
            // Loading such bytes needs a global that unpickles them, and that global is judged on its own.
            state.note(e.reason() + " (a byte string that looks like a pickle; not one a loader could read)");
        } catch (IOException e) {
            throw state.fail(where + "nested pickle at byte " + at + ": " + e.getMessage());
        }
    }

    /** How protocol 0 pickles that call something begin: GLOBAL ({@code c}) or a MARK before INST ({@code (}). */
    private static boolean textPickleStart(byte b) {
        return b == 'c' || b == '(';
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
