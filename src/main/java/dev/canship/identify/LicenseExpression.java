package dev.canship.identify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An SPDX license expression as a declared license value writes it ({@code Apache-2.0 AND MIT},
 * {@code (MIT OR Apache-2.0)}, {@code GPL-2.0-only WITH Classpath-exception-2.0}, {@code LicenseRef-foo}), parsed by
 * a small recursive-descent parser of the SPDX grammar: AND binds tighter than OR, WITH tightest, parentheses group.
 * The org.spdx library was rejected for this: several MB and, by default, a network download of the license list,
 * where canship needs a dozen lines of grammar and its own knowledge base to look the ids up.
 *
 * <p>The value is untrusted: {@link #parse} refuses (empty) anything longer than {@value #MAX_CHARS} characters,
 * nested deeper than {@value #MAX_DEPTH} parentheses or naming more than {@value #MAX_TERMS} licenses, as it refuses
 * a malformed expression, so a caller keeps such a value whole, as one (unknown) license name.
 */
public sealed interface LicenseExpression {

    /** Longest expression read; a longer value stays one name. */
    int MAX_CHARS = 500;
    /** Deepest parenthesis nesting read. */
    int MAX_DEPTH = 8;
    /** Most license ids one expression may name. */
    int MAX_TERMS = 16;

    /**
     * One license: an SPDX id, a Hub tag or a {@code LicenseRef-}/{@code DocumentRef-} reference, as written.
     *
     * @param id        as written, without a trailing {@code +}
     * @param orLater   written with a trailing {@code +} (this version or any later one)
     * @param exception the exception after WITH, as written, or null
     */
    record Term(String id, boolean orLater, String exception) implements LicenseExpression {
        @Override
        public List<Term> terms() {
            return List.of(this);
        }

        @Override
        public String written(UnaryOperator<String> name) {
            return name.apply(id) + (orLater ? "+" : "") + (exception == null ? "" : " WITH " + exception);
        }

        @Override
        public String toString() {
            return written(UnaryOperator.identity());
        }
    }

    /** Every operand applies (AND; a declared list). */
    record All(List<LicenseExpression> operands) implements LicenseExpression {
        public All {
            operands = List.copyOf(operands);
        }

        @Override
        public List<Term> terms() {
            return operands.stream().flatMap(o -> o.terms().stream()).toList();
        }

        @Override
        public String written(UnaryOperator<String> name) {
            // Only an OR inside an AND needs its parentheses; AND binds tighter.
            return String.join(" AND ", operands.stream().map(o -> o instanceof AnyOf ? "(" + o.written(name) + ")" : o.written(name)).toList());
        }

        @Override
        public String toString() {
            return written(UnaryOperator.identity());
        }
    }

    /** One operand of the licensee's choice applies (OR). */
    record AnyOf(List<LicenseExpression> operands) implements LicenseExpression {
        public AnyOf {
            operands = List.copyOf(operands);
        }

        @Override
        public List<Term> terms() {
            return operands.stream().flatMap(o -> o.terms().stream()).toList();
        }

        @Override
        public String written(UnaryOperator<String> name) {
            return String.join(" OR ", operands.stream().map(o -> o.written(name)).toList());
        }

        @Override
        public String toString() {
            return written(UnaryOperator.identity());
        }
    }

    /** The licenses named, in written order. */
    List<Term> terms();

    /**
     * The expression as SPDX writes it, each license id given by {@code name} (as written, or its SPDX id): the one
     * printer of expressions, so a declaration, its SPDX form and a component's form never disagree on syntax.
     */
    String written(UnaryOperator<String> name);

    /**
     * The expression, or empty when the text is blank, malformed or beyond the bounds. Operators are read in upper
     * or lower case ({@code AND}, {@code and}); ids keep the case they are written in.
     */
    static Optional<LicenseExpression> parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_CHARS) {
            return Optional.empty();
        }
        List<String> tokens = Parser.tokens(text.strip());
        if (tokens == null) {
            return Optional.empty();
        }
        Parser p = new Parser(tokens);
        try {
            LicenseExpression e = p.or(0);
            return p.at == tokens.size() && e.terms().size() <= MAX_TERMS ? Optional.of(e) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** All of the expressions (a declared list): one stays itself, several are joined by AND. */
    static LicenseExpression allOf(List<LicenseExpression> parts) {
        return parts.size() == 1 ? parts.get(0) : new All(parts);
    }

    /** Recursive descent over the tokens; throws IllegalArgumentException on anything the grammar does not allow. */
    final class Parser {
        private static final Pattern ID = Pattern.compile("(?:DocumentRef-[A-Za-z0-9.\\-]+:)?[A-Za-z0-9][A-Za-z0-9.\\-_]*\\+*");
        private final List<String> tokens;
        private int at;

        private Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        /** Splits on blanks and parentheses; null when a character no id or operator may hold appears. */
        static List<String> tokens(String text) {
            List<String> out = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                    if (!word.isEmpty()) {
                        out.add(word.toString());
                        word.setLength(0);
                    }
                    if (!Character.isWhitespace(c)) {
                        out.add(String.valueOf(c));
                    }
                } else if (Character.isLetterOrDigit(c) && c < 128 || ".-_+:".indexOf(c) >= 0) {
                    word.append(c);
                } else {
                    return null;
                }
            }
            if (!word.isEmpty()) {
                out.add(word.toString());
            }
            return out;
        }

        private LicenseExpression or(int depth) {
            List<LicenseExpression> operands = new ArrayList<>(List.of(and(depth)));
            while (operator("OR")) {
                operands.add(and(depth));
            }
            return operands.size() == 1 ? operands.get(0) : new AnyOf(flatten(operands, AnyOf.class));
        }

        private LicenseExpression and(int depth) {
            List<LicenseExpression> operands = new ArrayList<>(List.of(primary(depth)));
            while (operator("AND")) {
                operands.add(primary(depth));
            }
            return operands.size() == 1 ? operands.get(0) : new All(flatten(operands, All.class));
        }

        private LicenseExpression primary(int depth) {
            String t = next();
            if (t.equals("(")) {
                if (depth + 1 > MAX_DEPTH) {
                    throw new IllegalArgumentException("nested too deep");
                }
                LicenseExpression inner = or(depth + 1);
                if (!")".equals(next())) {
                    throw new IllegalArgumentException("unbalanced parenthesis");
                }
                return inner;
            }
            String id = licenseId(t);
            boolean orLater = t.endsWith("+") && !t.endsWith("++");
            String exception = null;
            if (operator("WITH")) {
                exception = licenseId(next());
            }
            // "openrail++" is a Hub tag, not "openrail+" or later: only a single trailing + means "or later".
            return new Term(orLater ? id.substring(0, id.length() - 1) : id, orLater, exception);
        }

        private static String licenseId(String t) {
            if (t.equals("(") || t.equals(")") || isOperator(t) || !ID.matcher(t).matches()
                    || t.startsWith("DocumentRef-") && !t.contains(":LicenseRef-")) {
                throw new IllegalArgumentException("not a license id: " + t);
            }
            return t;
        }

        /** An operator in upper or lower case, as SPDX writes it; a mixed case word is neither operator nor id. */
        private static boolean isOperator(String t) {
            return List.of("AND", "OR", "WITH").contains(t.toUpperCase(java.util.Locale.ROOT));
        }

        private boolean operator(String op) {
            if (at < tokens.size() && (tokens.get(at).equals(op) || tokens.get(at).equals(op.toLowerCase(java.util.Locale.ROOT)))) {
                at++;
                return true;
            }
            return false;
        }

        private String next() {
            if (at >= tokens.size()) {
                throw new IllegalArgumentException("expression ends early");
            }
            return tokens.get(at++);
        }

        /** {@code (A AND B) AND C} is all of A, B and C: nested operands of the same operator are one level. */
        private static List<LicenseExpression> flatten(List<LicenseExpression> operands, Class<? extends LicenseExpression> same) {
            List<LicenseExpression> out = new ArrayList<>();
            for (LicenseExpression o : operands) {
                if (same.isInstance(o)) {
                    out.addAll(o instanceof All a ? a.operands() : ((AnyOf) o).operands());
                } else {
                    out.add(o);
                }
            }
            return out;
        }
    }
}
