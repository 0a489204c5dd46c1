package dev.canship.report;

import dev.canship.inventory.FileRole;
import dev.canship.inventory.RepoFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * SHA-256 of the small files canship reads (card, license, use policy, notice, config, index), for records that
 * must show which text was checked. Weights are never hashed: hundreds of gigabytes would turn a check into an
 * hour of I/O, and the files canship judged are the small ones.
 */
final class FileDigests {

    /** Roles whose content the scan reads and whose bytes the BOM vouches for. */
    static final Set<FileRole> HASHED = Set.of(FileRole.MODEL_CARD, FileRole.LICENSE, FileRole.USE_POLICY, FileRole.NOTICE,
            FileRole.CONFIG, FileRole.ADAPTER_CONFIG, FileRole.WEIGHTS_INDEX, FileRole.DOCUMENT);

    /** Larger than any license or config canship reads (the scan limit for JSON is 16 MiB). */
    static final long MAX_BYTES = 16L << 20;

    private FileDigests() {
    }

    /** The lower-case hex SHA-256 of a small file, or empty when its role is not hashed, it is too large or unreadable. */
    static Optional<String> sha256(RepoFile f) {
        // A remote file is hashed only when the scan fetched it whole: a report never sends a request of its own.
        if (!HASHED.contains(f.role()) || f.size() > MAX_BYTES || (f.absolute() == null && (f.remote() == null || !f.remote().held()))) {
            return Optional.empty();
        }
        try (InputStream in = f.openStream()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > MAX_BYTES) {
                    // The file grew since the inventory: a partial hash would vouch for bytes nobody checked.
                    return Optional.empty();
                }
                md.update(buf, 0, n);
            }
            return Optional.of(HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
