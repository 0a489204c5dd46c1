package dev.canship.rules;

import dev.canship.BadInputException;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses an organization's rule ({@code --rules}) that compares an enum field of a canship fact with a string,
 * such as {@code ModelOffer( distribution == "hosted" )}. The facts carry enums ({@code Distribution.HOSTED}); a
 * string comparison would at best depend on how Drools coerces it and at worst never match, a rule silently off.
 */
final class UserRuleTypeCheck {

    private static final String FACTS = "dev.canship.rules.facts.";
    /**
     * A field compared with a string: {@code field == "text"}, {@code field != "text"}, {@code "text" == field} and
     * {@code field [not] in ("text", ...)}; group {@code f} is the field, {@code v} the (first) string. A dotted path or
     * a method call is left to Drools.
     */
    private static final List<Pattern> FIELD_VS_STRING = List.of(
            Pattern.compile("(?<![\\w.$])(?<f>[A-Za-z_]\\w*)\\s*(==|!=)\\s*\"(?<v>[^\"]*)\""),
            Pattern.compile("\"(?<v>[^\"]*)\"\\s*(==|!=)\\s*(?<f>[A-Za-z_]\\w*)(?![\\w.(])"),
            Pattern.compile("(?<![\\w.$])(?<f>[A-Za-z_]\\w*)\\s+(not\\s+)?in\\s*\\(\\s*\"(?<v>[^\"]*)\""));

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
            walk(file, rule, rule.getLhs());
        }
    }

    private static void walk(Path file, RuleDescr rule, BaseDescr d) {
        if (d instanceof PatternDescr p) {
            factClass(p.getObjectType()).ifPresent(c -> p.getDescrs().forEach(x -> constraint(file, rule, p, c, x)));
            if (p.getSource() != null) {
                walk(file, rule, p.getSource());
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            ce.getDescrs().forEach(x -> walk(file, rule, (BaseDescr) x));
        }
    }

    private static void constraint(Path file, RuleDescr rule, PatternDescr p, Class<?> fact, BaseDescr c) {
        if (!(c instanceof ExprConstraintDescr e) || e.getExpression() == null) {
            return;
        }
        for (Pattern form : FIELD_VS_STRING) {
            Matcher m = form.matcher(e.getExpression());
            while (m.find()) {
                refuseEnumField(file, rule, p, fact, m.group("f"), m.group("v"));
            }
        }
    }

    private static void refuseEnumField(Path file, RuleDescr rule, PatternDescr p, Class<?> fact, String field, String value) {
        Class<?> type = fieldType(fact, field);
        if (type == null || !type.isEnum()) {
            return;
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(v -> ((Enum<?>) v).name()).toList();
        String guess = value.toUpperCase(Locale.ROOT).replace('-', '_');
        String constant = type.getSimpleName() + "." + (names.contains(guess) ? guess : names.get(0));
        int line = p.getLine() > 0 ? p.getLine() : rule.getLine();
        throw new BadInputException(file + (line > 0 ? ":" + line : "") + ": rule \"" + rule.getName() + "\" compares "
                + fact.getSimpleName() + "." + field + ", an enum (" + type.getName() + "), with the string \"" + value
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
