package dev.canship.source.hub;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.extract.Parsers;
import dev.canship.inventory.ScanLimits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the Hub's model API says a revision holds ({@code GET /api/models/REPO/revision/REV?blobs=true}): the commit
 * it resolves to and every file with its size. The answer is untrusted: a path that could leave a folder, a size that
 * is not a whole number, or two sizes that disagree make the whole listing malformed.
 *
 * @param sha   the commit, 40 lower-case hex digits
 * @param files the files, sorted by path
 */
public record HubListing(String sha, List<Entry> files) {

    /** A file of the revision: its path in the repository and its size in bytes. */
    public record Entry(String path, long size) {
    }

    private static final int MAX_PATH = 1000;

    public HubListing {
        files = files.stream().sorted(Comparator.comparing(Entry::path)).toList();
    }

    /** Reads a listing; {@code where} names it in the one-line error ({@code hf:org/name@rev}). */
    static HubListing parse(byte[] body, String where, ScanLimits limits) {
        JsonNode root;
        try {
            root = Parsers.json(limits).readTree(body);
        } catch (JacksonException e) {
            throw malformed(where, "not JSON");
        } catch (java.io.IOException e) {
            throw malformed(where, "unreadable");
        }
        if (root == null || !root.isObject()) {
            throw malformed(where, "not a JSON object");
        }
        String sha = root.path("sha").asText("");
        if (!sha.matches("[0-9a-fA-F]{40}")) {
            throw malformed(where, "no commit sha");
        }
        JsonNode siblings = root.path("siblings");
        if (!siblings.isArray()) {
            throw malformed(where, "no siblings list");
        }
        List<Entry> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode s : siblings) {
            String path = s.path("rfilename").isTextual() ? s.path("rfilename").asText() : null;
            if (path == null || !safePath(path)) {
                throw malformed(where, "a file name that is not a plain relative path");
            }
            if (!seen.add(path)) {
                throw malformed(where, "file " + path + " listed twice");
            }
            JsonNode size = s.path("size");
            if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
                throw malformed(where, "file " + path + " has no size");
            }
            JsonNode lfs = s.path("lfs");
            if (lfs.isObject() && lfs.has("size") && (!lfs.path("size").canConvertToLong() || lfs.path("size").asLong() != size.asLong())) {
                throw new HubException(where + ": size mismatch for " + path + ": listed as " + size.asLong()
                        + " bytes, its LFS pointer says " + lfs.path("size").asText());
            }
            files.add(new Entry(path, size.asLong()));
        }
        return new HubListing(sha.toLowerCase(java.util.Locale.ROOT), files);
    }

    /** A relative path with forward slashes that stays inside any folder it is resolved against. */
    static boolean safePath(String path) {
        if (path.isEmpty() || path.length() > MAX_PATH || path.startsWith("/") || path.indexOf('\\') >= 0) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static HubException malformed(String where, String why) {
        return new HubException(where + ": malformed listing from the Hub (" + why + ")");
    }
}
