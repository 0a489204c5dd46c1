package dev.canship.rules;

import dev.canship.finding.FindingKind;
import dev.canship.finding.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps the rule catalogue (rules/catalog.yaml) and the .drl files in step: every rule is documented, every
 * bundled consequence takes its words from the catalogue through {@code findings.raise}, and the names a
 * consequence passes are exactly the placeholders of its templates. A mismatch fails here, not in a user's run.
 */
class RuleCatalogTest {

    private final RuleCatalog catalog = RuleCatalog.bundled();

    @Test
    void everyFindingRuleIsDocumentedAndEveryDocumentedRuleExists() {
        List<String> compiled = RuleCatalog.compiledRuleNames().stream().filter(n -> !n.startsWith("derive:") && !n.startsWith("applies:")).toList();
        List<String> documented = catalog.entries().stream().map(RuleCatalog.Entry::id).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(compiled);
    }

    @Test
    void everyEntryIsComplete() throws IOException {
        for (RuleCatalog.Entry e : catalog.entries()) {
            assertThat(FindingKind.valueOf(e.kind())).as(e.id()).isNotNull();
            assertThat(Severity.parse(e.severity())).as(e.id()).isNotNull();
            assertThat(e.checks()).as(e.id()).isNotBlank();
            assertThat(e.why()).as(e.id()).isNotBlank();
            assertThat(e.fix()).as(e.id()).isNotBlank();
            assertThat(e.message()).as(e.id() + " message").isNotBlank();
            assertThat(e.remedy()).as(e.id() + " remedy").isNotBlank();
            assertThat(catalog.templates(e.id())).as(e.id() + " templates").isPresent();
            String drl = Files.readString(Path.of("rules").resolve(e.file()));
            assertThat(drl).as(e.id() + " in " + e.file()).contains("rule \"" + e.id() + "\"")
                    .contains("findings.raise(\"" + e.id() + "\"");
        }
    }

    @Test
    void noBundledRuleWritesItsOwnWords() throws IOException {
        for (Path drl : drlFiles()) {
            assertThat(Files.readString(drl)).as(drl + ": use findings.raise; report( is only for --rules files")
                    .doesNotContain("findings.report(");
        }
    }

    @Test
    void everyRaiseNamesACataloguedRuleAndExactlyItsPlaceholders() throws IOException {
        int raises = 0;
        for (Path drl : drlFiles()) {
            for (List<String> args : raiseCalls(Files.readString(drl))) {
                raises++;
                assertThat(args.size()).as(drl + ": " + args).isGreaterThanOrEqualTo(4);
                String id = unquote(args.get(0));
                RuleCatalog.Templates t = catalog.templates(id)
                        .orElseGet(() -> fail(drl + ": findings.raise(\"" + id + "\") names no catalogue entry with a message and remedy"));
                assertThat(catalog.entry(id).orElseThrow().file()).as(id + " file").isEqualTo(drl.getFileName().toString());
                List<String> values = args.subList(4, args.size());
                assertThat(values.size() % 2).as(id + ": values in name, value pairs").isZero();
                Set<String> passed = new HashSet<>();
                for (int i = 0; i < values.size(); i += 2) {
                    assertThat(passed.add(unquote(values.get(i)))).as(id + ": " + values.get(i) + " given twice").isTrue();
                }
                Set<String> wanted = new HashSet<>(t.message().placeholders());
                wanted.addAll(t.remedy().placeholders());
                assertThat(passed).as(id + ": the names the rule passes are the placeholders of its templates").isEqualTo(wanted);
            }
        }
        assertThat(raises).as("raise calls found in rules/*.drl").isEqualTo(catalog.entries().size());
    }

    private static List<Path> drlFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
            assertThat(files).as("rules/*.drl").isNotEmpty();
            return files;
        }
    }

    private static String unquote(String literal) {
        assertThat(literal).as("a string literal").startsWith("\"").endsWith("\"");
        return literal.substring(1, literal.length() - 1);
    }

    /** The top-level arguments of every {@code findings.raise(...)} call, as source text. */
    static List<List<String>> raiseCalls(String drl) {
        List<List<String>> calls = new ArrayList<>();
        String start = "findings.raise(";
        for (int at = drl.indexOf(start); at >= 0; at = drl.indexOf(start, at + 1)) {
            List<String> args = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            int depth = 0;
            boolean quoted = false;
            for (int i = at + start.length(); i < drl.length(); i++) {
                char c = drl.charAt(i);
                if (quoted) {
                    cur.append(c);
                    if (c == '\\') {
                        cur.append(drl.charAt(++i));
                    } else if (c == '"') {
                        quoted = false;
                    }
                    continue;
                }
                if (c == '"') {
                    quoted = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && depth-- == 0) {
                    args.add(cur.toString().strip());
                    break;
                } else if (c == ',' && depth == 0) {
                    args.add(cur.toString().strip());
                    cur.setLength(0);
                    continue;
                }
                cur.append(c);
            }
            calls.add(args);
        }
        return calls;
    }
}
