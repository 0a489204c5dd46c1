package dev.canship.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.canship.BadInputException;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code canship licenses [show ID]}: the licenses canship knows, and their obligations in plain words. */
@Command(name = "licenses", mixinStandardHelpOptions = true,
        description = "List the licenses canship knows.",
        subcommands = {LicensesCommand.Show.class, LicensesCommand.Fingerprint.class})
final class LicensesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** The listing commands' JSON writer; built on first use, since picocli creates every command at start. */
    static ObjectMapper json() {
        return JsonHolder.JSON;
    }

    private static final class JsonHolder {
        static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Override
    public Integer call() throws Exception {
        output.textOrJson(spec.commandLine());
        KnowledgeBase kb = KnowledgeBase.bundled();
        if (output.json()) {
            var arr = json().createArrayNode();
            kb.licenses().values().forEach(l -> arr.addObject().put("id", l.id()).put("title", l.title()).put("family", l.family())
                    .put("version", l.version()).put("spdx", l.spdx()).put("commercial_use", l.commercialUse()));
            output.emit(json().writeValueAsString(arr) + "\n", spec.commandLine().getOut());
            return ExitCodes.CLEAN;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %-17s %-12s %s%n", "ID", "FAMILY", "COMMERCIAL", "TITLE"));
        for (LicenseInfo l : kb.licenses().values()) {
            sb.append(String.format(Locale.ROOT, "%-28s %-17s %-12s %s%n", l.id(), l.family(), l.commercialUse(), l.title()));
        }
        sb.append("\n").append(kb.licenses().size()).append(" licenses. 'canship licenses show ID' prints one's obligations.\n");
        output.emit(sb.toString(), spec.commandLine().getOut());
        return ExitCodes.CLEAN;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a license's summary and obligations in plain words.")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Parameters(paramLabel = "ID", description = "A license id from 'canship licenses'.")
        String id;

        @Override
        public Integer call() throws Exception {
            output.textOrJson(spec.commandLine());
        KnowledgeBase kb = KnowledgeBase.bundled();
            LicenseInfo l = kb.license(id).or(() -> kb.byCardName(id)).orElseThrow(() ->
                    new BadInputException("unknown license id '" + id + "' (known: " + String.join(", ", kb.licenses().keySet()) + ")"));
            if (output.json()) {
                output.emit(json().writeValueAsString(l) + "\n", spec.commandLine().getOut());
                return ExitCodes.CLEAN;
            }
            StringBuilder sb = new StringBuilder();
            sb.append(l.title()).append(" (").append(l.id()).append(")\n");
            sb.append("  publisher: ").append(l.publisher()).append('\n');
            if (l.released() != null) {
                sb.append("  released:  ").append(l.released()).append('\n');
            }
            if (l.source() != null) {
                sb.append("  source:    ").append(l.source()).append('\n');
            }
            if (l.governingLaw() != null) {
                sb.append("  law:       ").append(l.governingLaw()).append('\n');
            }
            if (l.spdx() != null) {
                sb.append("  SPDX:      ").append(l.spdx()).append('\n');
            }
            sb.append("  commercial use: ").append(l.commercialUse()).append('\n');
            if (l.usePolicy() != null) {
                sb.append("  use policy: ").append(l.usePolicy()).append('\n');
            }
            sb.append('\n').append(wrap(l.summary() == null ? "" : l.summary().strip(), "  ")).append('\n');
            if (!l.obligations().isEmpty()) {
                sb.append("\nOBLIGATIONS\n");
                for (LicenseInfo.Obligation o : l.obligations()) {
                    sb.append("  ").append(o.clause() == null ? "" : o.clause() + " ").append(o.title()).append('\n');
                    sb.append(wrap(o.text() == null ? "" : o.text().strip(), "      ")).append('\n');
                }
            }
            output.emit(sb.toString(), spec.commandLine().getOut());
            return ExitCodes.CLEAN;
        }
    }

    static String wrap(String text, String indent) {
        StringBuilder out = new StringBuilder(indent);
        int col = indent.length();
        for (String word : text.split("\\s+")) {
            if (col + word.length() + 1 > 100 && col > indent.length()) {
                out.append('\n').append(indent);
                col = indent.length();
            } else if (col > indent.length()) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }

    /** {@code canship licenses fingerprint FILE}: the reference data canship needs to recognize a license text, never the text itself. */
    @Command(name = "fingerprint", mixinStandardHelpOptions = true,
            description = "Make a fingerprint of a license or use-policy text (txt, md, html, pdf, docx): hashed word shingles with positions, "
                    + "clause marks and term anchors, from which the text cannot be read back. Put it in licenses/fingerprints/ and name it in "
                    + "the license's catalog entry (licenses/catalog/ID.yaml, documents), then rebuild.")
    static final class Fingerprint implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The license or use-policy text.")
        java.nio.file.Path file;

        @picocli.CommandLine.Option(names = "--id", required = true, paramLabel = "ID", description = "The license id (the Hub tag, or the license_name in common use).")
        String id;

        @picocli.CommandLine.Option(names = "--kind", defaultValue = "license", paramLabel = "KIND", description = "license or use-policy (default: ${DEFAULT-VALUE}).")
        String kind;

        @picocli.CommandLine.Option(names = "--version", paramLabel = "V", description = "The text's version or date, when a license has several.")
        String version;

        @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the fingerprint here (default: standard output).")
        java.nio.file.Path output;

        @Override
        public Integer call() throws Exception {
            if (!kind.equals("license") && !kind.equals("use-policy")) {
                throw new BadInputException("--kind: '" + kind + "' is not license or use-policy");
            }
            if (!id.matches("[a-z0-9][a-z0-9.+_-]*")) {
                throw new BadInputException("--id: '" + id + "' is not a license id (lower case letters, digits, . + _ -)");
            }
            String text = dev.canship.extract.Documents.text(file);
            if (text.isBlank()) {
                throw new BadInputException(file + ": no text could be extracted");
            }
            var fp = dev.canship.identify.fingerprint.FingerprintBuilder.build(id, kind, version, file.getFileName().toString(), text);
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            dev.canship.identify.fingerprint.FingerprintBuilder.write(fp, buf);
            if (output == null) {
                spec.commandLine().getOut().print(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
                spec.commandLine().getOut().flush();
                if (spec.commandLine().getOut().checkError()) {
                    throw new BadInputException("standard output: cannot write the fingerprint (closed, or the disk is full)");
                }
            } else {
                // The same rules as a report's --output: an existing folder, no symlink, an atomic rename.
                OutputOptions.writeAtomically(OutputOptions.checkedTarget(output, java.util.List.of()), buf.toByteArray(), output.toString());
                spec.commandLine().getErr().println("canship: wrote " + output + " (" + fp.tokenCount() + " words, " + fp.shingles().size() + " shingles)");
            }
            return ExitCodes.CLEAN;
        }
    }
}
