package dev.canship.rules;

import dev.canship.BadInputException;
import dev.canship.finding.Finding;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.utils.KieHelper;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fires the license rules over one {@link RuleInput} and returns the findings. The bundled rules are
 * compiled when canship is built (see {@link BundledRules}); an organization's own rules ({@code --rules DIR})
 * are compiled once when the engine is created. A new session per input keeps checks independent.
 */
public final class RuleEngine {

    /** The organization's own rules, compiled when the engine is made; the bundled ones are always first. */
    private final List<KieBase> userBases;

    private RuleEngine(List<KieBase> userBases) {
        this.userBases = userBases;
    }

    /**
     * The bundled rules only. They are loaded when first fired, not here: a check can read and identify its
     * repository while the rule base is still loading on the other core.
     */
    public static RuleEngine bundled() {
        return new RuleEngine(List.of());
    }

    /** Loads the bundled rule base now (the preloading thread calls this so the first check need not wait). */
    public static void loadBundled() {
        BundledRules.kieBase();
    }

    /** The bundled rules plus every {@code .drl} file in {@code userRules}; a rule that does not compile is bad input. */
    public static RuleEngine withUserRules(Path userRules) {
        return new RuleEngine(userRules == null ? List.of() : List.of(compileUserRules(userRules)));
    }

    /** Names of the rules beyond the bundled ones (an organization's own). */
    public List<String> userRuleNames() {
        return userBases.stream().flatMap(b -> b.getKiePackages().stream()).flatMap(p -> p.getRules().stream())
                .map(org.kie.api.definition.rule.Rule::getName).sorted().toList();
    }

    public List<Finding> evaluate(RuleInput input) {
        FindingSink sink = new FindingSink(input.deployment(), input.deploymentFile());
        List<KieBase> bases = new ArrayList<>();
        bases.add(BundledRules.kieBase());
        bases.addAll(userBases);
        for (KieBase base : bases) {
            KieSession session = base.newKieSession();
            try {
                session.setGlobal("findings", sink);
                input.facts().forEach(session::insert);
                session.fireAllRules();
            } finally {
                session.dispose();
            }
        }
        return sink.findings();
    }

    static KieBase compileUserRules(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": --rules must name a folder of .drl files");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot be read (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new BadInputException(dir + ": no .drl files in the rules folder");
        }
        KieHelper helper = new KieHelper();
        for (Path f : files) {
            try {
                helper.addResource(ResourceFactory.newByteArrayResource(Files.readAllBytes(f)).setSourcePath(f.getFileName().toString()), ResourceType.DRL);
            } catch (IOException e) {
                throw new BadInputException(f + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        Results results = helper.verify();
        List<Message> errors = results.getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            Message m = errors.get(0);
            String file = m.getPath() == null ? dir.toString() : dir.resolve(m.getPath()).toString();
            String text = m.getText() == null ? "does not compile" : m.getText().replaceAll("\\s+", " ").strip();
            throw new BadInputException(file + (m.getLine() > 0 ? ":" + m.getLine() : "") + ": rule does not compile: " + text);
        }
        return helper.build();
    }
}
