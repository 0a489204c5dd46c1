package dev.canship.build;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * BUILD-TIME ONLY (exec-maven-plugin, process-classes). Records what a verdict depends on, so that an archived report
 * can be tied to the canship and knowledge base that made it: the canship version, a version of the knowledge base
 * (the day it was built from and a hash over every file of {@code licenses/} and {@code rules/}), and a hash of each
 * bundled rule's text (a rule whose wording or condition changed gets a new one).
 * Args: version licensesDir rulesDir classesDir.
 */
public final class BuildInfoWriter {

    /** The resource {@code dev.canship.app.BuildInfo} reads. */
    public static final String RESOURCE = "dev/canship/build-info.properties";

    /** A rule block of our own DRL files: from {@code rule "NAME"} to the {@code end} that closes it. */
    private static final Pattern RULE = Pattern.compile("(?m)^rule\\s+\"([^\"]+)\"[\\s\\S]*?^end\\b");

    private BuildInfoWriter() {
    }

    public static void main(String[] args) throws IOException {
        String version = args[0];
        Path licenses = Path.of(args[1]);
        Path rules = Path.of(args[2]);
        Path classes = Path.of(args[3]);
        Map<String, String> out = new TreeMap<>();
        out.put("canship.version", version);
        Map<String, byte[]> files = new TreeMap<>();
        collect(licenses, "licenses/", files);
        collect(rules, "rules/", files);
        MessageDigest all = sha256();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            all.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update(e.getValue());
            all.update((byte) 0);
            if (e.getKey().startsWith("rules/") && e.getKey().endsWith(".drl")) {
                Matcher m = RULE.matcher(new String(e.getValue(), StandardCharsets.UTF_8));
                while (m.find()) {
                    out.put("rule." + m.group(1), hex(sha256().digest(m.group().getBytes(StandardCharsets.UTF_8))).substring(0, 12));
                }
            }
        }
        out.put("knowledge-base.hash", hex(all.digest()).substring(0, 16));
        out.put("knowledge-base.files", String.valueOf(files.size()));
        Path target = classes.resolve(RESOURCE);
        Files.createDirectories(target.getParent());
        // Written by hand, sorted, without java.util.Properties' date comment: two builds of the same sources give the
        // same bytes.
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : out.entrySet()) {
                w.write(escape(e.getKey()) + "=" + e.getValue() + "\n");
            }
        }
        System.out.println("build-info: canship " + version + ", knowledge base " + out.get("knowledge-base.hash") + " over "
                + files.size() + " files, " + out.keySet().stream().filter(k -> k.startsWith("rule.")).count() + " rules -> " + target);
    }

    /** A key as java.util.Properties reads it back: rule names hold spaces and colons. */
    private static String escape(String key) {
        return key.replace("\\", "\\\\").replace(" ", "\\ ").replace(":", "\\:").replace("=", "\\=");
    }

    private static void collect(Path dir, String prefix, Map<String, byte[]> files) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : all) {
            files.put(prefix + dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
