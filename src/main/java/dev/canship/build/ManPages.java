package dev.canship.build;

import dev.canship.cli.Main;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.IOException;

/**
 * BUILD-TIME ONLY (exec-maven-plugin, package). Writes a man page for {@code canship} and each subcommand from the
 * same picocli model that parses the command line, so the pages cannot drift from the options. picocli-codegen
 * writes them as AsciiDoc manpage documents ({@code canship-check.adoc}...), which {@code asciidoctor -b manpage}
 * turns into roff (README, "Man pages"). Args: outputDir.
 */
public final class ManPages {

    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        File out = new File(args[0]);
        if (!out.isDirectory() && !out.mkdirs()) {
            throw new IOException("cannot create " + out);
        }
        // force: overwrite the pages of an earlier build; no templates of our own.
        int status = ManPageGenerator.generateManPage(out, null, new boolean[0], true, Main.model());
        if (status != 0) {
            throw new IllegalStateException("man page generation failed with status " + status);
        }
    }
}
