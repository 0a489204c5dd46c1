package dev.canship.extract;

import dev.canship.inventory.RepoFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads at most a given number of bytes of a file, and says whether it stopped early. */
record BoundedRead(byte[] bytes, boolean truncated) {

    static BoundedRead of(Path file, long limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in, limit);
        }
    }

    /** A repository file, opened where it is checked against the scanned folder ({@link RepoFile#open()}). */
    static BoundedRead of(RepoFile file, long limit) throws IOException {
        try (InputStream in = file.openStream()) {
            return of(in, limit);
        }
    }

    private static BoundedRead of(InputStream in, long limit) throws IOException {
        int max = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        byte[] data = in.readNBytes(max);
        boolean more = in.read() >= 0;
        return new BoundedRead(data, more);
    }

    /** UTF-8 text; invalid sequences become U+FFFD rather than failing, and {@code malformed} says so. */
    DecodedText utf8() {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = decoder.decode(ByteBuffer.wrap(bytes));
            return new DecodedText(stripBom(cb.toString()), false);
        } catch (CharacterCodingException e) {
            return new DecodedText(stripBom(new String(bytes, StandardCharsets.UTF_8)), !truncated || bytes.length > 4);
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    record DecodedText(String text, boolean malformed) {
    }
}
