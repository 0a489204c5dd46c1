package dev.canship.source.hub;

import dev.canship.extract.pickle.PickleScanner;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.FileClassifier;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.Origin;
import dev.canship.inventory.RepoFile;
import dev.canship.inventory.ScanLimits;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model on the Hugging Face Hub ({@code hf:ORG/NAME[@REV]}) as an inventory, without downloading it: the listing
 * gives the commit and every file's size; each file is a {@link HubFile} that fetches only what the readers ask for,
 * bounded by the scan limits (small files whole, weight files by their headers only). Nothing is written to disk
 * unless a cache folder is given.
 */
public final class HubSource {

    private final HubSettings settings;
    private final ScanLimits limits;

    public HubSource(HubSettings settings, ScanLimits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    /** The one line for a 401 or 403: the repository is gated (or private) and the token is missing or not accepted. */
    static HubException gated(String where) {
        return new HubException(where + ": gated repository: accept its terms on the Hub and set HF_TOKEN");
    }

    /** The files of the revision {@code ref} names, listed from the Hub (or the cache). */
    public Inventory inventory(Path given, HubRef ref) {
        String asked = HubRef.PREFIX + ref.repo() + "@" + ref.revision();
        HubCache cache = settings.cache() == null ? null : new HubCache(settings.cache(), ref.repo());
        if (settings.offline() && cache == null) {
            throw new HubException(asked + ": HF_HUB_OFFLINE=1, so the Hub is not contacted, and no --cache DIR was given to read it from");
        }
        HubClient client = new HubClient(settings);
        HubListing listing = listing(client, cache, ref, asked);
        Session session = new Session(settings, client, cache, ref, listing.sha());
        List<RepoFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Diagnostic> unwalked = new ArrayList<>();
        for (HubListing.Entry e : listing.files()) {
            if (e.path().split("/").length - 1 > limits.maxDepth()) {
                diagnostics.add(new Diagnostic(e.path(), "deeper than " + limits.maxDepth() + " folders; not read"));
                unwalked.add(new Diagnostic(e.path(), "file deeper than " + limits.maxDepth() + " levels (max-depth) was not read: it was not checked"));
                continue;
            }
            if (files.size() >= limits.maxFiles()) {
                diagnostics.add(new Diagnostic(".", "more than " + limits.maxFiles() + " files; the rest were not listed"));
                unwalked.add(new Diagnostic(".", "files after the first " + limits.maxFiles() + " (max-files) were not listed: they were not checked"));
                break;
            }
            FileRole role = FileClassifier.classify(e.path(), e.size());
            long bound = bound(role);
            long first = role == FileRole.WEIGHTS ? HubFile.STEP : role == FileRole.OTHER ? PickleScanner.HEAD_BYTES : bound;
            files.add(RepoFile.remote(e.path(), role, e.size(), new HubFile(session, e.path(), e.size(), bound, Math.min(first, e.size()))));
        }
        List<String> notes = new ArrayList<>();
        notes.add("read " + (settings.offline() ? "from --cache " + settings.cache() + " (HF_HUB_OFFLINE=1)" : "from " + HubClient.shown(settings.endpoint()))
                + " as " + ref.at(listing.sha())
                + (ref.revision().equalsIgnoreCase(listing.sha()) ? "" : " (revision " + ref.revision() + ")")
                + ": small files whole, weight files by their headers only");
        return new Inventory(given, ref.repo(), files, diagnostics, unwalked, new Origin("hf-hub", listing.sha(), notes));
    }

    /**
     * The most bytes read from the start of a file of this role: what the extractor reads of it, plus one byte that
     * tells a truncated read from a whole one.
     */
    private long bound(FileRole role) {
        return switch (role) {
            case MODEL_CARD, LICENSE, USE_POLICY, NOTICE, DOCUMENT -> limits.maxTextBytes() + 1;
            case CONFIG, ADAPTER_CONFIG, WEIGHTS_INDEX -> limits.maxConfigBytes() + 1;
            // A safetensors header is 8 bytes of length and at most max-header-bytes of JSON; a GGUF header's metadata
            // and tensor table are bounded by the same limit, a zip's directory too, and pickle bytes by a smaller one.
            // Any other file is probed for a pickle by its first 512 bytes, and scanned as one within the same bound.
            default -> limits.maxHeaderBytes() + HubFile.STEP;
        };
    }

    private HubListing listing(HubClient client, HubCache cache, HubRef ref, String asked) {
        long max = limits.maxConfigBytes();
        if (cache != null) {
            Optional<String> sha = ref.revision().matches("[0-9a-fA-F]{40}") ? Optional.of(ref.revision().toLowerCase(java.util.Locale.ROOT)) : cache.ref(ref.revision());
            Optional<byte[]> kept = sha.flatMap(s -> cache.listing(s, max));
            if (settings.offline()) {
                // Offline, a revision is what the cache last resolved it to.
                return HubListing.parse(kept.orElseThrow(() -> new HubException(asked
                        + ": not in --cache " + settings.cache() + ", and HF_HUB_OFFLINE=1 forbids asking the Hub")), asked + " (cache)", limits);
            }
        }
        URI uri = URI.create(settings.endpoint() + "/api/models/" + ref.repo() + "/revision/"
                + URLEncoder.encode(ref.revision(), StandardCharsets.UTF_8) + "?blobs=true");
        HubClient.Response r = client.get(uri, null, max);
        if (r.status() == 401 || r.status() == 403) {
            throw gated(asked);
        }
        if (r.status() == 404) {
            throw new HubException(asked + ": repository or revision not found on " + HubClient.shown(settings.endpoint()));
        }
        if (r.status() != 200) {
            throw new HubException(asked + ": the Hub answered HTTP " + r.status() + " for the file listing");
        }
        if (r.more()) {
            throw new HubException(asked + ": malformed listing from the Hub (larger than " + max + " bytes, max-config-bytes)");
        }
        HubListing listing = HubListing.parse(r.body(), asked, limits);
        if (ref.revision().matches("[0-9a-fA-F]{40}") && !ref.revision().equalsIgnoreCase(listing.sha())) {
            throw new HubException(asked + ": malformed listing from the Hub (it is for commit " + listing.sha() + ")");
        }
        if (cache != null) {
            cache.putListing(listing.sha(), r.body());
            cache.putRef(ref.revision(), listing.sha());
        }
        return listing;
    }

    /** What every file of one scanned revision shares: how to reach it, the commit, the cache. */
    static final class Session {
        private final HubSettings settings;
        private final HubClient client;
        private final HubCache cache;
        private final HubRef ref;
        private final String sha;

        Session(HubSettings settings, HubClient client, HubCache cache, HubRef ref, String sha) {
            this.settings = settings;
            this.client = client;
            this.cache = cache;
            this.ref = ref;
            this.sha = sha;
        }

        HubClient client() {
            return client;
        }

        String where() {
            return ref.at(sha);
        }

        /** {@code ENDPOINT/REPO/resolve/SHA/PATH}: the file at the commit, whatever the branch does meanwhile. */
        URI resolve(String path) {
            StringBuilder p = new StringBuilder();
            for (String segment : path.split("/")) {
                p.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return URI.create(settings.endpoint() + "/" + ref.repo() + "/resolve/" + sha + p);
        }

        Optional<byte[]> cached(String path, long max) {
            return cache == null ? Optional.empty() : cache.file(sha, path, max);
        }

        Optional<byte[]> cachedRange(String path, long offset, long max) {
            return cache == null ? Optional.empty() : cache.range(sha, path, offset, max);
        }

        void keepRange(String path, long offset, byte[] bytes) {
            if (cache != null) {
                cache.putRange(sha, path, offset, bytes);
            }
        }

        void keep(String path, byte[] fetched) {
            if (cache != null) {
                cache.putFile(sha, path, fetched);
            }
        }

        void mustBeOnline(String path) {
            if (settings.offline()) {
                throw new HubException(where() + ": " + path + ": not in --cache " + settings.cache() + ", and HF_HUB_OFFLINE=1 forbids asking the Hub");
            }
        }
    }
}
