package dev.canship.rules;

import dev.canship.BadInputException;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses an organization's rule ({@code --rules}) that compares an enum field of a canship fact with a string,
 * such as {@code ModelOffer( distribution == "hosted" )}. The facts carry enums ({@code Distribution.HOSTED}); a
 * string comparison would at best depend on how Drools coerces it and at worst never match, a rule silently off.
 * The field may be named in a pattern, through a binding ({@code $o.distribution}, {@code $d} bound by
 * {@code $d : distribution}, {@code this.distribution}) or inside {@code eval(...)}.
 */
final class UserRuleTypeCheck {

    private static final String FACTS = "dev.canship.rules.facts.";
    /** A field, a binding or a path of fields and no-argument accessors: {@code $o.distribution()}. */
    private static final String PATH = "\\$?[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*(?:\\(\\s*\\))?)*";
    /**
     * A path compared with a string: {@code path == "text"}, {@code path != "text"}, {@code "text" == path} and
     * {@code path [not] in ("text", ...)}; group {@code f} is the path, {@code v} the (first) string. A call with
     * arguments is left to Drools.
     */
    private static final List<Pattern> PATH_VS_STRING = List.of(
            Pattern.compile("(?<![\\w.$])(?<f>" + PATH + ")\\s*(?:\\(\\s*\\))?\\s*(==|!=)\\s*\"(?<v>[^\"]*)\""),
            Pattern.compile("\"(?<v>[^\"]*)\"\\s*(==|!=)\\s*(?<f>" + PATH + ")(?:\\(\\s*\\))?(?![\\w.(])"),
            Pattern.compile("(?<![\\w.$])(?<f>" + PATH + ")(?:\\(\\s*\\))?\\s+(not\\s+)?in\\s*\\(\\s*\"(?<v>[^\"]*)\""));
    /** A binding in a pattern: {@code $d : distribution} (group {@code b} the name, {@code f} the path). */
    private static final Pattern BINDING = Pattern.compile("^\\s*(?<b>\\$?[A-Za-z_]\\w*)\\s*:\\s*(?<f>" + PATH + ")");

    /** What a name bound in the rule stands for: its type, and how a message names it ({@code ModelOffer.distribution}). */
    private record Bound(Class<?> type, String name) {
    }

    private UserRuleTypeCheck() {
    }

    /** Throws {@link BadInputException} naming the file, line, rule and field at the first such comparison. */
    static void check(Path file, String source) {
        PackageDescr pkg;
        try {
            pkg = new DrlParser().parse(false, source);
        } catch (Exception e) {
            return; // a rule that does not parse is reported by the compiler, with its line
        }
        if (pkg == null) {
            return;
        }
        for (RuleDescr rule : pkg.getRules()) {
            Map<String, Bound> bindings = new HashMap<>();
            bind(rule.getLhs(), bindings);
            walk(file, rule, rule.getLhs(), bindings);
        }
    }

    /** Collects the names the rule binds to canship facts and to their fields, wherever in the rule they are bound. */
    private static void bind(BaseDescr d, Map<String, Bound> bindings) {
        if (d instanceof PatternDescr p) {
            factClass(p.getObjectType()).ifPresent(c -> {
                if (p.getIdentifier() != null) {
                    bindings.put(p.getIdentifier(), new Bound(c, c.getSimpleName()));
                }
                for (Object x : p.getDescrs()) {
                    if (x instanceof ExprConstraintDescr e && e.getExpression() != null) {
                        Matcher m = BINDING.matcher(e.getExpression());
                        if (m.find()) {
                            Bound b = resolve(m.group("f"), c, Map.of());
                            if (b != null) {
                                bindings.put(m.group("b"), b);
                            }
                        }
                    }
                }
            });
            if (p.getSource() != null) {
                bind(p.getSource(), bindings);
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            ce.getDescrs().forEach(x -> bind((BaseDescr) x, bindings));
        }
    }

    private static void walk(Path file, RuleDescr rule, BaseDescr d, Map<String, Bound> bindings) {
        if (d instanceof PatternDescr p) {
            Class<?> fact = factClass(p.getObjectType()).orElse(null);
            for (Object x : p.getDescrs()) {
                if (x instanceof ExprConstraintDescr e && e.getExpression() != null) {
                    compare(file, rule, line(p, rule), e.getExpression(), fact, bindings);
                }
            }
            if (p.getSource() != null) {
                walk(file, rule, p.getSource(), bindings);
            }
        } else if (d instanceof EvalDescr e && e.getContent() != null) {
            // An eval sees only the rule's bindings, not the fields of a pattern.
            compare(file, rule, line(e, rule), e.getContent().toString(), null, bindings);
        } else if (d instanceof ConditionalElementDescr ce) {
            ce.getDescrs().forEach(x -> walk(file, rule, (BaseDescr) x, bindings));
        }
    }

    private static int line(BaseDescr d, RuleDescr rule) {
        return d.getLine() > 0 ? d.getLine() : rule.getLine();
    }

    private static void compare(Path file, RuleDescr rule, int line, String expression, Class<?> fact, Map<String, Bound> bindings) {
        for (Pattern form : PATH_VS_STRING) {
            Matcher m = form.matcher(expression);
            while (m.find()) {
                Bound b = resolve(m.group("f"), fact, bindings);
                if (b != null && b.type().isEnum()) {
                    refuse(file, rule, line, b, m.group("v"));
                }
            }
        }
    }

    /**
     * What {@code path} names: a field of {@code fact} ({@code this.} allowed) or a bound name, then fields or
     * accessors of each step's type; null when a step is unknown (a type declared in the rule file, a method of the
     * JDK), which is left to Drools.
     */
    private static Bound resolve(String path, Class<?> fact, Map<String, Bound> bindings) {
        List<String> steps = Arrays.stream(path.split("\\.")).map(x -> x.replaceAll("[\\s()]", "")).toList();
        Bound at;
        int i = 0;
        if (fact != null && steps.get(0).equals("this")) {
            at = new Bound(fact, fact.getSimpleName());
            i = 1;
        } else if (fact != null && fieldType(fact, steps.get(0)) != null) {
            at = new Bound(fact, fact.getSimpleName()); // a field of the pattern's fact outranks a bound name
        } else {
            at = bindings.get(steps.get(0));
            i = 1;
        }
        for (; i < steps.size() && at != null; i++) {
            Class<?> type = fieldType(at.type(), steps.get(i));
            at = type == null ? null : new Bound(type, at.name() + "." + steps.get(i));
        }
        return at;
    }

    private static void refuse(Path file, RuleDescr rule, int line, Bound field, String value) {
        Class<?> type = field.type();
        List<String> names = Arrays.stream(type.getEnumConstants()).map(v -> ((Enum<?>) v).name()).toList();
        String guess = value.toUpperCase(Locale.ROOT).replace('-', '_');
        String constant = type.getSimpleName() + "." + (names.contains(guess) ? guess : names.get(0));
        throw new BadInputException(file + (line > 0 ? ":" + line : "") + ": rule \"" + rule.getName() + "\" compares "
                + field.name() + ", an enum (" + type.getName() + "), with the string \"" + value
                + "\"; compare with " + constant + " (one of " + String.join(", ", names) + ")");
    }

    private static Optional<Class<?>> factClass(String objectType) {
        if (objectType == null) {
            return Optional.empty();
        }
        String name = objectType.startsWith(FACTS) ? objectType : objectType.contains(".") ? null : FACTS + objectType;
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(name, false, UserRuleTypeCheck.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty(); // a type declared in the rule file, or not a canship fact
        }
    }

    /** The type of a record component or accessor named {@code field}, or null. */
    private static Class<?> fieldType(Class<?> fact, String field) {
        if (fact.isRecord()) {
            for (var rc : fact.getRecordComponents()) {
                if (rc.getName().equals(field)) {
                    return rc.getType();
                }
            }
        }
        for (String getter : new String[]{field, "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1)}) {
            try {
                return fact.getMethod(getter).getReturnType();
            } catch (NoSuchMethodException e) {
                // try the next accessor form
            }
        }
        return null;
    }
}
