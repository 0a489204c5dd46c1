package dev.canship.app;

import dev.canship.identify.TextMatcher;

import java.util.List;
import java.util.function.Supplier;

/**
 * A text matcher made on its first use. The bundled fingerprints take about 0.1 s to load: made lazily, a check's
 * own thread reads the deployment, inventories and extracts the repository while the preloading thread loads them,
 * instead of waiting for them when canship is built.
 */
final class LazyMatcher implements TextMatcher {

    /** canship's own data failed to load: an internal error (exit 3) that the pipeline lets through, never a finding. */
    static final class BrokenBundleException extends IllegalStateException {
        BrokenBundleException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Supplier<TextMatcher> load;
    private volatile TextMatcher matcher;

    LazyMatcher(Supplier<TextMatcher> load) {
        this.load = load;
    }

    private TextMatcher matcher() {
        TextMatcher m = matcher;
        if (m == null) {
            try {
                m = load.get();
            } catch (RuntimeException e) {
                // The bundled fingerprints are part of canship, not of the repository: a failure to load them is
                // canship's own defect (exit 3), never a finding about the repository being identified.
                throw new BrokenBundleException("the bundled license fingerprints cannot be loaded: " + e.getMessage(), e);
            }
            matcher = m;
        }
        return m;
    }

    @Override
    public List<TextHit> match(String text) {
        return matcher().match(text);
    }

    @Override
    public List<TextHit> match(String text, boolean accessGate) {
        return matcher().match(text, accessGate);
    }

    @Override
    public List<TextHit> matchFile(String text) {
        return matcher().matchFile(text);
    }
}
