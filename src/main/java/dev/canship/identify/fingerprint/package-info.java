/**
 * License text fingerprints: identify which reference license or use policy a text is, by content and whatever its
 * presentation, and report the passages where it was altered.
 *
 * <ul>
 *   <li>{@link dev.canship.identify.fingerprint.TextNormalizer} reduces any presentation to the same tokens.</li>
 *   <li>{@link dev.canship.identify.fingerprint.FingerprintBuilder} makes, writes and reads
 *       {@link dev.canship.identify.fingerprint.Fingerprint}s (winnowed 5-word shingle hashes with positions, term
 *       anchors, clause marks, variable regions); the committed ones live in {@code licenses/fingerprints}.</li>
 *   <li>{@link dev.canship.identify.fingerprint.FingerprintMatcher} finds references in a candidate and reports
 *       {@link dev.canship.identify.fingerprint.FingerprintMatch}es with
 *       {@link dev.canship.identify.fingerprint.Alteration}s.</li>
 *   <li>{@link dev.canship.identify.fingerprint.TermExtractor} reads the key terms (MAU threshold, date, name prefix,
 *       attribution, Notice sentence) from the candidate itself.</li>
 * </ul>
 *
 * The reference texts never enter the project: only fingerprints derived from them, from which they cannot be read.
 */
package dev.canship.identify.fingerprint;
