package dev.canship;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a verdict depends on besides its input: the canship version, the version of the knowledge base (a hash over
 * every file of {@code licenses/} and {@code rules/}, made at build time), and each bundled rule's version (a hash of
 * its text). Reports record them, so an archived verdict can be tied to what made it.
 *
 * @param version       the canship version ({@code 0.1.0-SNAPSHOT})
 * @param knowledgeBase the knowledge base version ({@code kb-1a2b3c4d5e6f7a8b})
 * @param rules         rule id to the hash of its text, for the bundled rules
 */
public record BuildInfo(String version, String knowledgeBase, Map<String, String> rules) {

    private static final String RESOURCE = "dev/canship/build-info.properties";
    private static volatile BuildInfo current;

    public BuildInfo {
        rules = Map.copyOf(rules);
    }

    /** This build's; "development build" where the build step did not run (an IDE's own compilation). */
    public static BuildInfo current() {
        BuildInfo b = current;
        if (b == null) {
            b = load();
            current = b;
        }
        return b;
    }

    /** A rule's version: its hash for a bundled rule, {@code user} for an organization's own. */
    public String ruleVersion(String rule) {
        return rules.getOrDefault(rule, "user");
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // Left as a development build: the versions are information, never a reason to fail a run.
        }
        Map<String, String> rules = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("rule.")) {
                rules.put(k.substring(5), p.getProperty(k));
            }
        }
        String kb = p.getProperty("knowledge-base.hash");
        return new BuildInfo(p.getProperty("canship.version", "development build"), kb == null ? "unknown" : "kb-" + kb, rules);
    }
}
