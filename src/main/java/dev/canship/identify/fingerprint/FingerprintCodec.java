package dev.canship.identify.fingerprint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.canship.identify.fingerprint.Fingerprint.ClauseMark;
import dev.canship.identify.fingerprint.Fingerprint.Shingle;
import dev.canship.identify.fingerprint.Fingerprint.TermAnchor;
import dev.canship.identify.fingerprint.Fingerprint.VariableRegion;

/** The text file format of fingerprints; documented on {@link FingerprintBuilder#write(Fingerprint, java.nio.file.Path)}. */
final class FingerprintCodec {

    static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_ENTRIES = 1_000_000;
    static final String MAGIC = "canship-fingerprint";

    private FingerprintCodec() {
    }

    static void write(Fingerprint fp, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(4096);
        sb.append(MAGIC).append(' ').append(Fingerprint.FORMAT_VERSION).append('\n');
        sb.append("normalizer ").append(TextNormalizer.VERSION).append('\n');
        sb.append("hash ").append(Shingles.ALGORITHM).append('\n');
        sb.append("id ").append(fp.id()).append('\n');
        sb.append("kind ").append(fp.kind()).append('\n');
        sb.append("version ").append(fp.version() == null ? "-" : fp.version()).append('\n');
        if (fp.source() != null) {
            sb.append("source ").append(fp.source()).append('\n');
        }
        sb.append("tokens ").append(fp.tokenCount()).append('\n');
        sb.append("shingle-size ").append(fp.shingleSize()).append('\n');
        sb.append("window ").append(fp.window()).append('\n');
        for (TermAnchor a : fp.anchors()) {
            sb.append("anchor ").append(a.position()).append(' ').append(a.length()).append(' ').append(a.type())
                    .append(' ').append(a.value()).append('\n');
        }
        for (ClauseMark c : fp.clauses()) {
            sb.append("clause ").append(c.position()).append(' ').append(c.clause()).append('\n');
        }
        for (VariableRegion v : fp.variableRegions()) {
            sb.append("variable ").append(v.start()).append(' ').append(v.end()).append(' ').append(v.reason()).append(' ')
                    .append(String.format("%016x", v.before())).append('\n');
        }
        ByteArrayOutputStream blob = new ByteArrayOutputStream(fp.shingles().size() * 10);
        int prev = 0;
        for (Shingle s : fp.shingles()) {
            writeVarint(blob, s.position() - prev);
            prev = s.position();
            long h = s.hash();
            for (int b = 7; b >= 0; b--) {
                blob.write((int) (h >>> (8 * b)) & 0xff);
            }
        }
        sb.append("shingles ").append(fp.shingles().size()).append('\n');
        String b64 = Base64.getEncoder().encodeToString(blob.toByteArray());
        for (int i = 0; i < b64.length(); i += 76) {
            sb.append(b64, i, Math.min(b64.length(), i + 76)).append('\n');
        }
        sb.append("end\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Fingerprint read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("fingerprint file larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("fingerprint file is not UTF-8", e);
        }
        String[] lines = text.split("\n", -1);
        int li = 0;
        String magic = next(lines, li++);
        if (!magic.equals(MAGIC + " " + Fingerprint.FORMAT_VERSION)) {
            throw new IOException("not a canship fingerprint (version " + Fingerprint.FORMAT_VERSION + "): " + abbreviate(magic));
        }
        String id = null;
        String kind = null;
        String version = null;
        String source = null;
        int tokens = -1;
        int k = -1;
        int w = -1;
        List<TermAnchor> anchors = new ArrayList<>();
        List<ClauseMark> clauses = new ArrayList<>();
        List<VariableRegion> regions = new ArrayList<>();
        List<Shingle> shingles = null;
        try {
            while (true) {
                String line = next(lines, li++);
                if (line.equals("end")) {
                    break;
                }
                int sp = line.indexOf(' ');
                String key = sp < 0 ? line : line.substring(0, sp);
                String val = sp < 0 ? "" : line.substring(sp + 1);
                switch (key) {
                    case "normalizer" -> {
                        if (Integer.parseInt(val) != TextNormalizer.VERSION) {
                            throw new IOException("fingerprint made with normalizer " + val + ", this canship uses "
                                    + TextNormalizer.VERSION + "; rebuild it");
                        }
                    }
                    case "hash" -> {
                        if (!val.equals(Shingles.ALGORITHM)) {
                            throw new IOException("unknown hash " + abbreviate(val));
                        }
                    }
                    case "id" -> id = val;
                    case "kind" -> kind = val;
                    case "version" -> version = val.equals("-") ? null : val;
                    case "source" -> source = val;
                    case "tokens" -> tokens = Integer.parseInt(val);
                    case "shingle-size" -> k = Integer.parseInt(val);
                    case "window" -> w = Integer.parseInt(val);
                    case "anchor" -> {
                        String[] f = val.split(" ");
                        check(f.length == 4, "anchor");
                        anchors.add(new TermAnchor(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], f[3]));
                    }
                    case "clause" -> {
                        String[] f = val.split(" ");
                        check(f.length == 2, "clause");
                        clauses.add(new ClauseMark(Integer.parseInt(f[0]), f[1]));
                    }
                    case "variable" -> {
                        String[] f = val.split(" ");
                        check(f.length == 4 && f[3].length() == 16, "variable");
                        regions.add(new VariableRegion(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2],
                                Long.parseUnsignedLong(f[3], 16)));
                    }
                    case "shingles" -> {
                        int count = Integer.parseInt(val);
                        check(count >= 0 && count <= MAX_ENTRIES, "shingle count");
                        StringBuilder b64 = new StringBuilder();
                        while (!lines[li].equals("end")) {
                            b64.append(lines[li++].strip());
                            check(li < lines.length, "unterminated shingles");
                        }
                        shingles = decodeShingles(Base64.getDecoder().decode(b64.toString()), count);
                    }
                    default -> throw new IOException("unknown field " + abbreviate(key));
                }
                check(anchors.size() + clauses.size() + regions.size() <= MAX_ENTRIES, "too many entries");
            }
            check(id != null && kind != null && tokens >= 0 && k > 0 && w > 0 && shingles != null, "missing header fields");
            return new Fingerprint(id, kind, version, source, tokens, k, w, shingles, anchors, clauses, regions);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("malformed fingerprint: " + e.getMessage(), e);
        }
    }

    private static List<Shingle> decodeShingles(byte[] blob, int count) throws IOException {
        List<Shingle> out = new ArrayList<>(count);
        int p = 0;
        int pos = 0;
        for (int i = 0; i < count; i++) {
            int delta = 0;
            int shift = 0;
            while (true) {
                check(p < blob.length && shift < 32, "truncated shingles");
                int b = blob[p++] & 0xff;
                delta |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
            }
            check(delta >= 0, "bad position");
            pos += delta;
            check(p + 8 <= blob.length, "truncated shingles");
            long h = 0;
            for (int b = 0; b < 8; b++) {
                h = (h << 8) | (blob[p++] & 0xff);
            }
            out.add(new Shingle(pos, h));
        }
        check(p == blob.length, "trailing shingle bytes");
        return out;
    }

    private static void writeVarint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static String next(String[] lines, int i) throws IOException {
        if (i >= lines.length) {
            throw new IOException("truncated fingerprint file");
        }
        return lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
    }

    private static void check(boolean ok, String what) throws IOException {
        if (!ok) {
            throw new IOException("malformed fingerprint: " + what);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
