package dev.canship.app;

import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.finding.Policy;
import dev.canship.finding.PolicyReader;
import dev.canship.identify.FingerprintTextMatcher;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.TextTermReader;
import dev.canship.inventory.ScanLimits;
import dev.canship.report.RepositoryReport;
import dev.canship.rules.RuleCatalog;
import dev.canship.rules.RuleEngine;
import dev.canship.source.OllamaStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * canship as a library: the one entry point that scans or checks model repositories and returns typed reports.
 * The CLI parses its arguments into these calls and renders what they return; a server, a build plugin or a
 * distributed job calls the same methods.
 *
 * <pre>{@code
 * Canship canship = Canship.builder().build();
 * Deployment d = canship.readDeployment(Path.of("deploy.yaml"));
 * List<RepositoryReport> reports = canship.check(CheckRequest.of(Path.of("models/llama4"), d, "deploy.yaml"));
 * boolean blocked = Gate.ERRORS.fails(reports);
 * String json = new JsonReporter().render(reports);
 * }</pre>
 *
 * <p>An instance is immutable and safe to share between threads; the knowledge base, fingerprints and bundled rules
 * are loaded once per process and shared by every instance. Bad input (a missing folder, an invalid deployment or
 * policy, user rules that do not compile) throws {@link dev.canship.BadInputException} with a one-line message;
 * anything a repository holds becomes a finding or a diagnostic in its report, never an exception.
 */
public final class Canship {

    private final ScanLimits limits;
    private final RuleEngine rules;
    private final Clock clock;
    private final Progress progress;
    private final Pipeline pipeline;
    private final KnowledgeBase kb;

    private Canship(Builder b) {
        this.limits = b.limits;
        this.rules = b.userRules == null ? null : RuleEngine.withUserRules(b.userRules);
        this.clock = b.clock;
        this.progress = b.progress;
        this.kb = b.catalog == null ? KnowledgeBase.bundled() : withCatalog(b.catalog);
        this.pipeline = new Pipeline(limits, kb, b.catalog == null ? new LazyMatcher(() -> FingerprintTextMatcher.bundled(kb)) : FingerprintTextMatcher.of(kb),
                new TextTermReader(), clock, b.ollamaStore == null ? OllamaStore.fromEnvironment() : new OllamaStore(b.ollamaStore),
                b.hub != null ? b.hub : () -> dev.canship.source.hub.HubSettings.fromEnvironment(System.getenv(), null));

    }

    /** The bundled knowledge base with an organization's catalog folder merged over it; a problem in it is bad input (exit 2). */
    private static KnowledgeBase withCatalog(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new dev.canship.BadInputException("--catalog " + dir + ": not a folder");
        }
        try {
            return KnowledgeBase.bundled().withCatalog(dir);
        } catch (dev.canship.identify.KnowledgeBaseValidator.InvalidKnowledgeBaseException e) {
            throw new dev.canship.BadInputException("--catalog " + dir + ": " + String.join("; ",
                    e.problems().stream().map(p -> dir.resolve(p.file()) + ":" + p.line() + ": " + (p.key().isEmpty() ? "" : p.key() + ": ") + p.message()).toList()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the knowledge base, the fingerprints and (when {@code rules}) the bundled rule base on another thread,
     * so that a short run overlaps them with its own start. Failures are left for the first real use to report.
     */
    public static void preload(boolean rules) {
        Thread t = new Thread(() -> {
            try {
                KnowledgeBase kb = KnowledgeBase.bundled();
                Trace.mark("knowledge base loaded");
                // In the order the caller's thread needs them: it reads the deployment, inventories and extracts the
                // repository meanwhile, then identifies the license (fingerprints), then runs the rules (the rule
                // base, about 0.15 s, and the catalogue their findings take their words from).
                FingerprintTextMatcher.bundled(kb);
                Trace.mark("fingerprints loaded");
                if (rules) {
                    RuleEngine.loadBundled();
                    RuleCatalog.bundled();
                    Trace.mark("rules loaded");
                }
                // Idle until the caller's thread identifies the license: build the record binders it will need.
                kb.prepareBinding();
                Trace.mark("license binding prepared");
            } catch (RuntimeException | Error e) {
                // Reported by the caller's thread, which loads again.
            }
        }, "canship-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * What each repository is: files, license evidence and conclusion, model facts. Reports come in the order given.
     * A repository is a folder, a single {@code .gguf} file, or a path spelled {@code ollama:NAME[:TAG]} naming a model
     * in the Ollama store.
     */
    public List<RepositoryReport> scan(List<Path> repositories) {
        return Batch.run(List.copyOf(repositories), pipeline::scan, progress);
    }

    /** One repository's scan. */
    public RepositoryReport scan(Path repository) {
        return pipeline.scan(repository);
    }

    /** The findings and verdict of each repository for the request's deployment and policy, in the order given. */
    public List<RepositoryReport> check(CheckRequest request) {
        RuleEngine engine = engine();
        FitStage fit = new FitStage();
        return Batch.run(request.repositories(),
                p -> pipeline.check(p, request.deployment(), request.deploymentSource(), engine, fit, request.policy()), progress);
    }

    /** A deployment description (YAML or JSON, schema version 1), validated against the uses canship knows. */
    public Deployment readDeployment(Path file) {
        return new DeploymentReader(KnowledgeBase.bundled().uses().keySet()).read(file);
    }

    /** A deployment description read from a stream (standard input), named {@code shownAs} in messages. */
    public Deployment readDeployment(java.io.InputStream in, String shownAs) {
        return new DeploymentReader(KnowledgeBase.bundled().uses().keySet()).read(in, Path.of(shownAs));
    }

    /** An organization's policy file, whose waivers and overrides may name bundled and user rules. */
    public Policy readPolicy(Path file) {
        return new PolicyReader(ruleIds(), kb.licenseIds()).read(file);
    }

    /** The ids of every rule a check can report: the bundled catalogue and the user's own rules. */
    public Set<String> ruleIds() {
        Set<String> ids = new TreeSet<>();
        RuleCatalog.bundled().entries().forEach(e -> ids.add(e.id()));
        ids.addAll(engine().userRuleNames());
        return ids;
    }

    /** The limits every read of a repository is held to. */
    public ScanLimits limits() {
        return limits;
    }

    /** The clock that decides whether a waiver has expired. */
    public Clock clock() {
        return clock;
    }

    private RuleEngine engine() {
        return rules == null ? RuleEngine.bundled() : rules;
    }

    /** Options of a {@link Canship}; every one has a default. */
    public static final class Builder {
        private ScanLimits limits = ScanLimits.DEFAULTS;
        private Path userRules;
        private Path catalog;
        private Clock clock = Clock.systemUTC();
        private Progress progress = Progress.NONE;
        private Path ollamaStore;
        private java.util.function.Supplier<dev.canship.source.hub.HubSettings> hub;

        private Builder() {
        }

        /**
         * How {@code hf:ORG/NAME[@REV]} repositories are read from the Hugging Face Hub (default: {@code HF_ENDPOINT},
         * {@code HF_TOKEN} and {@code HF_HUB_OFFLINE} from the environment, no cache).
         */
        public Builder hub(dev.canship.source.hub.HubSettings settings) {
            Objects.requireNonNull(settings, "settings");
            this.hub = () -> settings;
            return this;
        }

        /** As {@link #hub(dev.canship.source.hub.HubSettings)}, the settings made only when an {@code hf:} repository is read. */
        public Builder hub(java.util.function.Supplier<dev.canship.source.hub.HubSettings> settings) {
            this.hub = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * The Ollama model store that {@code ollama:NAME[:TAG]} repositories are read from (default: {@code OLLAMA_MODELS},
         * else {@code ~/.ollama/models}, else {@code /usr/share/ollama/.ollama/models}).
         */
        public Builder ollamaStore(Path store) {
            this.ollamaStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Bounds on every read of a repository (default {@link ScanLimits#DEFAULTS}). */
        public Builder limits(ScanLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * A folder of the organization's own {@code .drl} rules, compiled now and run beside the bundled ones.
         * Rules are code: load only rules you trust.
         */
        public Builder userRules(Path folder) {
            this.userRules = folder;
            return this;
        }

        /**
         * A folder of the organization's own licenses ({@code catalog/*.yaml}, optional {@code policies/*.yaml},
         * {@code fingerprints/*.fp}), validated and merged over the bundled knowledge base (see {@link KnowledgeBase#withCatalog}).
         */
        public Builder catalog(Path folder) {
            this.catalog = folder;
            return this;
        }

        /** The clock for waiver expiry (default: the system clock in UTC); tests and reproducible runs fix it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Told as each repository of a batch finishes (default: nothing). */
        public Builder progress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public Canship build() {
            return new Canship(this);
        }
    }
}
