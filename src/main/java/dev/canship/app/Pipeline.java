package dev.canship.app;

import dev.canship.deployment.Deployment;
import dev.canship.extract.Extraction;
import dev.canship.extract.Extractor;
import dev.canship.finding.Finding;
import dev.canship.finding.Policy;
import dev.canship.identify.Identification;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseIdentifier;
import dev.canship.identify.TermReader;
import dev.canship.identify.TextMatcher;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.ScanLimits;
import dev.canship.report.ModelSummary;
import dev.canship.report.RepositoryReport;
import dev.canship.rules.FactAssembler;
import dev.canship.source.ModelSources;
import dev.canship.source.OllamaStore;
import dev.canship.rules.RuleEngine;
import dev.canship.rules.RuleInput;
import dev.canship.rules.facts.Model;
import dev.canship.rules.facts.OrgPolicy;

import java.time.Clock;
import java.time.LocalDate;

import java.nio.file.Path;
import java.util.List;

/**
 * Wires the stages for one repository: inventory, extraction, identification, model facts, rules.
 * Each stage gets only what the previous ones produced.
 */
final class Pipeline {

    private final ModelSources sources;
    private final Extractor extractor;
    private final LicenseIdentifier identifier;
    private final FactAssembler assembler;
    private final ModelStage models;
    private final Clock clock;

    Pipeline(ScanLimits limits, KnowledgeBase kb, TextMatcher matcher, TermReader terms, Clock clock, OllamaStore ollama,
             java.util.function.Supplier<dev.canship.source.hub.HubSettings> hub) {
        this.clock = clock;
        this.sources = new ModelSources(limits, ollama, hub);
        this.extractor = new Extractor(limits);
        this.identifier = new LicenseIdentifier(kb, matcher, terms);
        this.assembler = new FactAssembler(kb);
        this.models = new ModelStage();
    }

    RepositoryReport scan(Path repo) {
        return run(repo, null, null, null, null, Policy.NONE);
    }

    RepositoryReport check(Path repo, Deployment deployment, String deploymentFile, RuleEngine engine, FitStage fit, Policy policy) {
        return run(repo, deployment, deploymentFile, engine, fit, policy);
    }

    /**
     * Identification over hostile text must not end the run; if it fails, the repository counts as having no
     * license that could be established (an error finding), never as passing.
     */
    private Identification identify(Extraction extraction) {
        try {
            return identifier.identify(extraction);
        } catch (LazyMatcher.BrokenBundleException e) {
            // Not the repository's doing: canship's own fingerprints are missing, which no finding may hide.
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            String why = "license identification could not run on this repository (" + e.getClass().getSimpleName() + ")";
            return new Identification(List.of(), null, null, null, List.of(), List.of(new dev.canship.identify.IdentificationIssue(
                    dev.canship.identify.IdentificationIssue.Kind.MISSING, List.of(), why, List.of())));
        }
    }

    private RepositoryReport run(Path repo, Deployment deployment, String deploymentFile, RuleEngine engine, FitStage fit, Policy policy) {
        Inventory inventory = sources.inventory(repo);
        Trace.mark("inventory " + repo);
        Extraction extraction = extractor.extract(inventory);
        Trace.mark("extraction");
        Identification identification = identify(extraction);
        Trace.mark("identification");
        ModelStage.Result model = models.read(inventory, extraction, identification);
        Trace.mark("model facts");
        dev.canship.fit.FitReport fitResult = null;
        List<Finding> findings = List.of();
        List<dev.canship.rules.facts.Applicability> applicability = List.of();
        if (deployment != null) {
            FitStage.Outcome outcome = fit == null ? FitStage.Outcome.NONE : fit.assess(model, deployment);
            fitResult = FitStage.report(model, outcome);
            Model modelFact = model.fact();
            RuleInput input = assembler.assemble(inventory.name(), identification,
                    inventory.has(FileRole.LICENSE), inventory.has(FileRole.NOTICE),
                    modelFact, outcome.fact(), deployment, deploymentFile, new OrgPolicy(policy.allow(), policy.deny()));
            input = input.withFacts(assembler.serializedFiles(extraction.serialization(), extraction.hasSafetensors()));
            input = input.withFacts(List.of(assembler.contents(inventory, extraction.card())));
            RuleEngine.Result result = engine.run(input);
            findings = policy.apply(result.findings(), inventory.name(), repo.toString(), LocalDate.now(clock));
            applicability = result.applicability();
            Trace.mark("rules");
        }
        ModelSummary summary = model.summary();
        var diagnostics = new java.util.ArrayList<>(extraction.diagnostics());
        diagnostics.addAll(model.diagnostics());
        diagnostics.sort(null);
        return new RepositoryReport(repo.toString(), inventory.name(), inventory.files(), identification, summary, fitResult,
                deployment, findings, diagnostics, extraction.card(), extraction.serialization()).withOrigin(inventory.origin()).withApplicability(applicability);
    }
}
