package dev.canship.extract;

import dev.canship.inventory.FileRole;

/**
 * Plain text taken out of one license-like file, or out of one text field of the model card.
 *
 * @param file      the file, relative to the repository root
 * @param field     for text from the card's front matter, the key it came from (e.g. {@code extra_gated_prompt}); else null
 * @param role      the role the inventory gave the file
 * @param text      the extracted plain text (Markdown left as is; HTML, PDF and DOCX converted)
 * @param firstLine the 1-based line of the file where {@code text} starts (for front-matter fields, the key's line)
 * @param truncated true when the file was larger than the read limit and only its start was read
 */
public record TextDocument(String file, String field, FileRole role, String text, int firstLine, boolean truncated) {

    /** Where this text was found, for messages: {@code README.md (extra_gated_prompt)} or {@code LICENSE}. */
    public String where() {
        return field == null ? file : file + " (" + field + ")";
    }
}
