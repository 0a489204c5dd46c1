package dev.canship.extract;

import dev.canship.BadInputException;
import dev.canship.inventory.ScanLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The plain text of one document outside a repository scan (e.g. a license given to {@code licenses fingerprint}). */
public final class Documents {

    private Documents() {
    }

    /** Reads and converts a txt, md, html, pdf or docx file, within the default limits. */
    public static String text(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        try {
            BoundedRead read = BoundedRead.of(file, ScanLimits.DEFAULTS.maxTextBytes());
            if (read.truncated()) {
                throw new BadInputException(file + ": larger than " + ScanLimits.DEFAULTS.maxTextBytes() + " bytes");
            }
            return new DocumentTextReader(ScanLimits.DEFAULTS).text(file.getFileName().toString(), read.bytes());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
