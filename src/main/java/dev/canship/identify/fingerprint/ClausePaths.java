package dev.canship.identify.fingerprint;

import java.util.ArrayList;
import java.util.List;

import dev.canship.identify.fingerprint.Fingerprint.ClauseMark;

/**
 * Turns the numbering markers of a text into clause paths ({@code 1.b.iii}, {@code 3.2(a)}): a marker of a style
 * already open closes everything opened after it; a new style opens a deeper level. Good enough to say where an
 * alteration is; not a parser of legal structure.
 */
final class ClausePaths {

    private ClausePaths() {
    }

    private record Level(String style, String body, boolean paren) {
    }

    static List<ClauseMark> of(List<NormalizedText.Marker> markers) {
        List<ClauseMark> out = new ArrayList<>();
        List<Level> stack = new ArrayList<>();
        for (NormalizedText.Marker m : markers) {
            if (!m.dropped() && !m.lineStart()) {
                continue; // "Llama 3.1", "Section 3.2", inline "(i)": references and enumerations, not structure
            }
            String label = m.label();
            boolean paren = label.startsWith("(") || label.endsWith(")");
            String body = label.replaceAll("^\\(|[.)]$", "");
            if (body.isEmpty()) {
                continue;
            }
            String style;
            if (body.matches("\\d+(\\.\\d+)+")) {
                stack.clear(); // a dotted section number states the whole path itself
                stack.add(new Level("dotted", body, false));
                out.add(mark(m.index(), stack, out));
                continue;
            }
            if (body.matches("\\d+")) {
                style = "num";
            } else if (body.matches("[ivx]+|[IVX]+") && !continuesLetters(stack, body, paren)) {
                style = Character.isUpperCase(body.charAt(0)) ? "ROMAN" : "roman";
            } else if (body.length() == 1) {
                style = Character.isUpperCase(body.charAt(0)) ? "ALPHA" : "alpha";
            } else {
                continue;
            }
            style = style + (paren ? "()" : ".");
            int at = -1;
            for (int i = 0; i < stack.size(); i++) {
                if (stack.get(i).style().equals(style)) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                stack.subList(at, stack.size()).clear();
            } else if (style.startsWith("num") && !stack.isEmpty() && stack.get(0).style().equals("dotted") && !paren) {
                // "1." after "3.2" is a list inside the section, keep the section.
            }
            stack.add(new Level(style, body, paren));
            if (stack.size() > 6) {
                stack.remove(0);
            }
            out.add(mark(m.index(), stack, out));
        }
        return out;
    }

    /** "i" after "h", "v" after "u", "x" after "w" continue a letter list rather than start roman numerals. */
    private static boolean continuesLetters(List<Level> stack, String body, boolean paren) {
        if (body.length() != 1) {
            return false;
        }
        char c = body.charAt(0);
        String style = (Character.isUpperCase(c) ? "ALPHA" : "alpha") + (paren ? "()" : ".");
        for (Level l : stack) {
            if (l.style().equals(style) && l.body().length() == 1 && l.body().charAt(0) == c - 1) {
                return true;
            }
        }
        return false;
    }

    private static ClauseMark mark(int position, List<Level> stack, List<ClauseMark> previous) {
        StringBuilder sb = new StringBuilder();
        for (Level l : stack) {
            if (l.paren()) {
                sb.append('(').append(l.body()).append(')');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(l.body());
            }
        }
        return new ClauseMark(position, sb.toString());
    }
}
