package dev.canship.identify;

import dev.canship.identify.LicenseExpression.All;
import dev.canship.identify.LicenseExpression.AnyOf;
import dev.canship.identify.LicenseExpression.Term;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The SPDX expression grammar as declared license values write it, and what it refuses. */
class LicenseExpressionTest {

    private static LicenseExpression parse(String s) {
        return LicenseExpression.parse(s).orElseThrow(() -> new AssertionError("not parsed: " + s));
    }

    @Test
    void aSingleIdIsOneTerm() {
        assertThat(parse("apache-2.0")).isEqualTo(new Term("apache-2.0", false, null));
        assertThat(parse("  MIT ")).isEqualTo(new Term("MIT", false, null));
    }

    @Test
    void andBindsTighterThanOr() {
        LicenseExpression e = parse("MIT OR Apache-2.0 AND BSD-3-Clause");
        assertThat(e).isEqualTo(new AnyOf(List.of(new Term("MIT", false, null),
                new All(List.of(new Term("Apache-2.0", false, null), new Term("BSD-3-Clause", false, null))))));
    }

    @Test
    void parenthesesGroupAndSameOperatorsFlatten() {
        assertThat(parse("(MIT OR Apache-2.0) AND BSD-3-Clause")).isInstanceOf(All.class)
                .hasToString("(MIT OR Apache-2.0) AND BSD-3-Clause");
        assertThat(parse("(MIT OR Apache-2.0)")).isEqualTo(new AnyOf(List.of(new Term("MIT", false, null), new Term("Apache-2.0", false, null))));
        assertThat(((All) parse("(A AND B) AND C")).operands()).hasSize(3);
    }

    @Test
    void withAttachesAnExceptionToItsLicense() {
        assertThat(parse("GPL-2.0-only WITH Classpath-exception-2.0"))
                .isEqualTo(new Term("GPL-2.0-only", false, "Classpath-exception-2.0"));
        assertThat(parse("Apache-2.0 WITH LLVM-exception AND MIT").terms())
                .containsExactly(new Term("Apache-2.0", false, "LLVM-exception"), new Term("MIT", false, null));
    }

    @Test
    void aTrailingPlusMeansOrLaterButAHubTagKeepsItsPlusses() {
        assertThat(parse("GPL-2.0+")).isEqualTo(new Term("GPL-2.0", true, null));
        assertThat(parse("openrail++")).isEqualTo(new Term("openrail++", false, null));
    }

    @Test
    void licenseAndDocumentReferencesAreIds() {
        assertThat(parse("LicenseRef-foo AND DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2").terms())
                .extracting(Term::id).containsExactly("LicenseRef-foo", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2");
    }

    @Test
    void operatorsAreReadInUpperOrLowerCase() {
        assertThat(parse("apache-2.0 and mit")).isEqualTo(parse("apache-2.0 AND mit"));
        assertThat(parse("mit or apache-2.0")).isInstanceOf(AnyOf.class);
        assertThat(parse("gpl-2.0-only with classpath-exception-2.0")).isEqualTo(new Term("gpl-2.0-only", false, "classpath-exception-2.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "AND", "MIT AND", "OR MIT", "(MIT", "MIT)", "()", "MIT And Apache-2.0", "MIT OR OR Apache-2.0",
            "MIT WITH", "MIT WITH (X)", "MIT Apache-2.0", "mit, apache-2.0", "DocumentRef-x", "apache 2.0 license", "MIT; rm -rf /",
            "Llama 3.1 Community License"})
    void aMalformedExpressionIsRefusedNotThrown(String s) {
        assertThat(LicenseExpression.parse(s)).as(s).isEmpty();
    }

    @Test
    void theBoundsAreKept() {
        String sixteen = IntStream.range(0, LicenseExpression.MAX_TERMS).mapToObj(i -> "L" + i).collect(Collectors.joining(" AND "));
        assertThat(LicenseExpression.parse(sixteen)).get().extracting(e -> e.terms().size()).isEqualTo(16);
        assertThat(LicenseExpression.parse(sixteen + " AND L16")).as("one term too many").isEmpty();

        String deepest = "(".repeat(LicenseExpression.MAX_DEPTH) + "MIT" + ")".repeat(LicenseExpression.MAX_DEPTH);
        assertThat(LicenseExpression.parse(deepest)).contains(new Term("MIT", false, null));
        assertThat(LicenseExpression.parse("(" + deepest + ")")).as("one level too deep").isEmpty();
        // A hostile nesting far beyond the bound is refused, not a stack overflow.
        assertThat(LicenseExpression.parse("(".repeat(400) + "MIT" + ")".repeat(400) + " ".repeat(10))).isEmpty();

        String longId = "A".repeat(LicenseExpression.MAX_CHARS + 1);
        assertThat(LicenseExpression.parse(longId)).isEmpty();
    }

    @Test
    void aListIsAllOfItsItems() {
        LicenseExpression list = LicenseExpression.allOf(List.of(parse("apache-2.0"), parse("mit OR bsd-3-clause")));
        assertThat(list).hasToString("apache-2.0 AND (mit OR bsd-3-clause)");
        assertThat(LicenseExpression.allOf(List.of(parse("mit")))).isEqualTo(new Term("mit", false, null));
    }

    @Test
    void oneWriterPrintsEveryFormWithOrInsideAndInParentheses() {
        LicenseExpression e = parse("(mit OR apache-2.0+) AND gpl-2.0-only WITH classpath-exception-2.0");

        assertThat(e).hasToString("(mit OR apache-2.0+) AND gpl-2.0-only WITH classpath-exception-2.0");
        assertThat(e.written(id -> id.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo("(MIT OR APACHE-2.0+) AND GPL-2.0-ONLY WITH classpath-exception-2.0");
    }
}
