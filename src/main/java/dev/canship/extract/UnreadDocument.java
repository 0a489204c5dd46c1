package dev.canship.extract;

import dev.canship.inventory.FileRole;

/**
 * A license-bearing document (a LICENSE or use policy, or the card's front matter) that was not read, or read only in
 * part: a bound stopped it, its parse failed or was abandoned, or it yielded no text. What it says is unknown, so
 * identification reports it rather than letting other evidence (a card tag) stand for it.
 *
 * @param file    the file, relative to the repository root
 * @param field   the part of the file concerned (e.g. {@code front matter}), or null for the whole file
 * @param role    the role the inventory gave the file
 * @param partial true when the start was read and the rest was not
 * @param reason  why, in one line (the diagnostic's words)
 */
public record UnreadDocument(String file, String field, FileRole role, boolean partial, String reason) {

    /** Where, for messages: {@code README.md (front matter)} or {@code LICENSE.pdf}. */
    public String where() {
        return field == null ? file : file + " (" + field + ")";
    }
}
