package dev.canship.source.hub;

import dev.canship.BadInputException;
import dev.canship.inventory.OneLine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model on the Hub as the user names it: {@code hf:ORG/NAME[@REVISION]}, the revision a branch, tag or commit
 * ({@code main} when not given).
 *
 * @param repo     {@code ORG/NAME}
 * @param revision what was asked for; resolved to a commit by the listing
 */
public record HubRef(String repo, String revision) {

    /** The prefix that names a model on the Hub. */
    public static final String PREFIX = "hf:";
    private static final Pattern REF = Pattern.compile(
            "hf:([A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95})(?:@([A-Za-z0-9][A-Za-z0-9._/-]{0,199}))?");

    /** Whether {@code arg} is spelled as a Hub model (then {@link #parse} either reads it or says why not). */
    public static boolean named(String arg) {
        return arg.startsWith(PREFIX);
    }

    /** Reads {@code hf:ORG/NAME[@REV]}; anything else is one line of bad input. */
    public static HubRef parse(String arg) {
        Matcher m = REF.matcher(arg);
        if (!m.matches() || arg.contains("..") || arg.endsWith("/")) {
            throw new BadInputException(OneLine.of(arg) + ": not a Hub model (hf:ORG/NAME or hf:ORG/NAME@REVISION)");
        }
        return new HubRef(m.group(1), m.group(2) == null ? "main" : m.group(2));
    }

    /** {@code hf:ORG/NAME@sha}: the commit a report was made from. */
    public String at(String sha) {
        return PREFIX + repo + "@" + sha;
    }
}
