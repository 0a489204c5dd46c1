package dev.canship.source.hub;

import dev.canship.BadInputException;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How the Hugging Face Hub is reached: its address ({@code HF_ENDPOINT}), the token sent to it ({@code HF_TOKEN}),
 * whether the network may be used at all ({@code HF_HUB_OFFLINE}), and the folder fetched files are kept in
 * ({@code --cache}; null: nothing is written to disk).
 *
 * @param endpoint the Hub's base address, without a trailing slash
 * @param token    the access token, or null; never printed ({@link #toString()} hides it)
 * @param offline  only the cache may be read
 * @param cache    where fetched files are stored and reused, or null
 */
public record HubSettings(URI endpoint, String token, boolean offline, Path cache) {

    /** The public Hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    public HubSettings {
        endpoint = checked(endpoint);
        token = token == null || token.isBlank() ? null : token.strip();
        // An HTTP header carries visible ASCII only: anything else would make the client fail with the header,
        // token included, in its message. Said without the value.
        if (token != null && !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new BadInputException("HF_TOKEN: holds a space, control or non-ASCII character, which an HTTP header cannot carry; set it to the token alone");
        }
        // Plain http carries the token readable to every hop: only a mirror on this machine may have it that way.
        if (token != null && endpoint.getScheme().equalsIgnoreCase("http") && !loopback(endpoint.getHost())) {
            throw new BadInputException("HF_ENDPOINT " + endpoint + ": plain http would send HF_TOKEN unencrypted; use https (or unset HF_TOKEN)");
        }
    }

    /** The settings the environment gives ({@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HUB_OFFLINE}), with {@code --cache DIR} or null. */
    public static HubSettings fromEnvironment(Map<String, String> env, Path cache) {
        String endpoint = env.get("HF_ENDPOINT");
        URI uri;
        try {
            uri = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("HF_ENDPOINT: not an address (give https://HOST)");
        }
        String offline = env.getOrDefault("HF_HUB_OFFLINE", "").strip().toLowerCase(Locale.ROOT);
        return new HubSettings(uri, env.get("HF_TOKEN"), offline.equals("1") || offline.equals("true") || offline.equals("yes") || offline.equals("on"), cache);
    }

    /** The public Hub, no token, online, no cache. */
    public static HubSettings defaults() {
        return new HubSettings(DEFAULT_ENDPOINT, null, false, null);
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static URI checked(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadInputException("HF_ENDPOINT: " + uri.getScheme() + "://" + uri.getHost() + ": not an http(s) address of a host");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    @Override
    public String toString() {
        // The token stays out of every log line, exception and report.
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token == null ? "none" : "set") + ", offline=" + offline + ", cache=" + cache + "]";
    }
}
