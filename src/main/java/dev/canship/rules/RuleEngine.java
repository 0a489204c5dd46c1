package dev.canship.rules;

import dev.canship.BadInputException;
import dev.canship.finding.Finding;
import dev.canship.rules.facts.Applicability;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.utils.KieHelper;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fires the license rules over one {@link RuleInput} and returns the findings and whether each term applies. The bundled rules are
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

    /**
     * What the rules concluded for one input.
     *
     * @param findings      in report order, without exact duplicates
     * @param applicability whether each term of each binding license applies to the deployment, and why
     *                      ({@code rules/applicability.drl}); sorted by license, then term
     */
    public record Result(List<Finding> findings, List<Applicability> applicability) {
        public Result {
            findings = List.copyOf(findings);
            applicability = List.copyOf(applicability);
        }
    }

    private static final Comparator<Applicability> APPLICABILITY_ORDER = Comparator.comparing(Applicability::license)
            .thenComparing(Applicability::term).thenComparing(Applicability::status).thenComparing(Applicability::reason);

    /** Fires the bundled rules, then the organization's own, over one input. */
    public Result run(RuleInput input) {
        FindingSink sink = new FindingSink(input.deployment(), input.deploymentFile());
        List<Applicability> applicability = fire(BundledRules.kieBase(), input, sink, false);
        for (KieBase base : userBases) {
            fire(base, input, sink, true);
        }
        return new Result(sink.findings(), applicability.stream().distinct().sorted(APPLICABILITY_ORDER).toList());
    }

    /** The findings of {@link #run}. */
    public List<Finding> evaluate(RuleInput input) {
        return run(input).findings();
    }

    /** Fires one rule base; returns the applicability facts the bundled rules derived (none from an organization's). */
    private static List<Applicability> fire(KieBase base, RuleInput input, FindingSink sink, boolean user) {
        KieSession session = base.newKieSession();
        try {
            session.setGlobal("findings", sink);
            input.facts().forEach(session::insert);
            if (!user) {
                session.fireAllRules();
                return session.getObjects(Applicability.class::isInstance).stream().map(Applicability.class::cast).toList();
            }
            // An organization's rule is code canship did not write: one that throws or loops is that rule's error
            // (bad input, exit 2, naming it), not canship's (exit 3).
            int fired = session.fireAllRules(MAX_USER_FIRINGS);
            if (fired >= MAX_USER_FIRINGS) {
                throw new BadInputException("--rules: the rules fired " + MAX_USER_FIRINGS + " times for one repository; a rule loops"
                        + " (it changes a fact its own condition matches: add no-loop or tighten the condition)");
            }
            return List.of();
        } catch (org.kie.api.runtime.rule.ConsequenceException e) {
            if (!user) {
                throw e;
            }
            var rule = e.getMatch() == null ? null : e.getMatch().getRule();
            String name = rule == null ? "?" : rule.getName();
            String where = rule == null || rule.getPackageName() == null ? "" : " in package " + rule.getPackageName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BadInputException("--rules: rule \"" + name + "\"" + where + " failed at run time: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())), e);
        } catch (RuntimeException | StackOverflowError e) {
            if (!user || e instanceof BadInputException) {
                throw e;
            }
            // A condition that throws while facts are matched names no rule in Drools' exception; its text usually does.
            throw new BadInputException("--rules: a rule failed while its conditions were evaluated: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), e);
        } finally {
            session.dispose();
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl).strip();
        return t.length() > 300 ? t.substring(0, 300) + "\u2026" : t;
    }

    /** Rule files read from {@code --rules}: bounds on a folder that holds code, not data. */
    static final int MAX_USER_RULE_FILES = 200;
    static final long MAX_USER_RULE_FILE_BYTES = 1L << 20;
    static final long MAX_USER_RULE_BYTES = 8L << 20;
    /** Rule firings per repository for an organization's rules; the bundled rules fire a few dozen times. */
    static final int MAX_USER_FIRINGS = 100_000;

    static KieBase compileUserRules(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": --rules must name a folder of .drl files");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().limit(MAX_USER_RULE_FILES + 1L).toList();
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot be read (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new BadInputException(dir + ": no .drl files in the rules folder");
        }
        if (files.size() > MAX_USER_RULE_FILES) {
            throw new BadInputException(dir + ": more than " + MAX_USER_RULE_FILES + " .drl files in the rules folder");
        }
        List<byte[]> sources = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            byte[] bytes = readRuleFile(f);
            total += bytes.length;
            if (total > MAX_USER_RULE_BYTES) {
                throw new BadInputException(dir + ": the .drl files hold more than " + MAX_USER_RULE_BYTES + " bytes together");
            }
            sources.add(bytes);
            UserRuleTypeCheck.check(f, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        KieHelper helper = new KieHelper();
        for (int i = 0; i < files.size(); i++) {
            helper.addResource(ResourceFactory.newByteArrayResource(sources.get(i)).setSourcePath(files.get(i).getFileName().toString()), ResourceType.DRL);
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

    /**
     * One rule file: a regular file (a symlink is refused, it could name any file on the machine, and so is a FIFO,
     * which would block), opened without following links, read up to its bound.
     */
    private static byte[] readRuleFile(Path f) {
        if (Files.isSymbolicLink(f)) {
            throw new BadInputException(f + ": a symlink; --rules reads only regular files in the folder");
        }
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(f + ": not a regular file; --rules reads only regular files in the folder");
        }
        try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) MAX_USER_RULE_FILE_BYTES + 1);
            if (bytes.length > MAX_USER_RULE_FILE_BYTES) {
                throw new BadInputException(f + ": larger than " + MAX_USER_RULE_FILE_BYTES + " bytes; not a rule file");
            }
            return bytes;
        } catch (IOException e) {
            throw new BadInputException(f + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
