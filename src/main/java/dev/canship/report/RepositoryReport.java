package dev.canship.report;

import dev.canship.deployment.Deployment;
import dev.canship.extract.ModelCard;
import dev.canship.extract.pickle.SerializationScan;
import dev.canship.finding.Finding;
import dev.canship.fit.FitReport;
import dev.canship.identify.Identification;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.Origin;
import dev.canship.inventory.RepoFile;
import dev.canship.rules.facts.Applicability;

import java.util.List;

/**
 * Everything known about one repository after a scan or a check, ready to render. Reporters only read it.
 *
 * @param path        the repository path as given
 * @param name        its display name
 * @param files       the files found
 * @param identification the license evidence and conclusion
 * @param model       the model facts, or null
 * @param fit         the hardware fit for the deployment's hardware section, or null
 * @param deployment  the deployment checked, or null for a scan
 * @param findings    findings in report order (empty for a scan)
 * @param diagnostics files that could not be read as expected
 * @param card        the model card as read (front matter fields such as {@code pipeline_tag} and {@code datasets}
 *                    for the CycloneDX model card), or null; untrusted text
 * @param serialization the pickle scan of each file a pickle loader may open
 * @param drift       what changed since a baseline report ({@code check --baseline}), or null
 * @param origin      where the model lives and the revision scanned, or null when not told
 * @param applicability whether each term of the binding licenses applies to the deployment, and why, as the rules
 *                    derived it (empty for a scan); the obligation checklist renders it
 */
public record RepositoryReport(
        String path,
        String name,
        List<RepoFile> files,
        Identification identification,
        ModelSummary model,
        FitReport fit,
        Deployment deployment,
        List<Finding> findings,
        List<Diagnostic> diagnostics,
        ModelCard card,
        List<SerializationScan> serialization,
        Drift drift,
        Origin origin,
        List<Applicability> applicability) {

    public RepositoryReport {
        files = List.copyOf(files);
        findings = findings.stream().sorted(Finding.ORDER).toList();
        diagnostics = List.copyOf(diagnostics);
        serialization = serialization == null ? List.of() : List.copyOf(serialization);
        applicability = applicability == null ? List.of() : List.copyOf(applicability);
    }

    /** A report without a baseline comparison. */
    public RepositoryReport(String path, String name, List<RepoFile> files, Identification identification, ModelSummary model,
                            FitReport fit, Deployment deployment, List<Finding> findings, List<Diagnostic> diagnostics, ModelCard card,
                            List<SerializationScan> serialization) {
        this(path, name, files, identification, model, fit, deployment, findings, diagnostics, card, serialization, null, null, List.of());
    }

    /** This report compared with a baseline. */
    public RepositoryReport withDrift(Drift drift) {
        return new RepositoryReport(path, name, files, identification, model, fit, deployment, findings, diagnostics, card, serialization, drift, origin, applicability);
    }

    /** This report with where its model lives and the revision scanned. */
    public RepositoryReport withOrigin(Origin origin) {
        return new RepositoryReport(path, name, files, identification, model, fit, deployment, findings, diagnostics, card, serialization, drift, origin, applicability);
    }

    /** This report with what the rules derived about which terms apply. */
    public RepositoryReport withApplicability(List<Applicability> applicability) {
        return new RepositoryReport(path, name, files, identification, model, fit, deployment, findings, diagnostics, card, serialization, drift, origin, applicability);
    }

    /** The revision scanned, or null when the place keeps none. */
    public String revision() {
        return origin == null ? null : origin.revision();
    }

    /** Whether the finding is new since the baseline (every finding is, without one). */
    public boolean isNew(Finding f) {
        return drift == null || drift.newFindings().contains(FindingKeys.key(name, f));
    }

    /** A report without serialized files. */
    public RepositoryReport(String path, String name, List<RepoFile> files, Identification identification, ModelSummary model,
                            FitReport fit, Deployment deployment, List<Finding> findings, List<Diagnostic> diagnostics, ModelCard card) {
        this(path, name, files, identification, model, fit, deployment, findings, diagnostics, card, List.of(), null, null, List.of());
    }

    /** A report without the model card (reports that need no card fields) and without serialized files. */
    public RepositoryReport(String path, String name, List<RepoFile> files, Identification identification, ModelSummary model,
                            FitReport fit, Deployment deployment, List<Finding> findings, List<Diagnostic> diagnostics) {
        this(path, name, files, identification, model, fit, deployment, findings, diagnostics, null, List.of(), null, null, List.of());
    }

    public boolean isCheck() {
        return deployment != null;
    }

    public Verdict verdict() {
        return Verdict.of(findings);
    }
}
