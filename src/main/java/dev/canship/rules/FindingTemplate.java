package dev.canship.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A finding's message or remedy as the rule catalogue writes it: text with named placeholders ({@code {name}}) and
 * optional segments ({@code [ in {month}]}) that are left out when a placeholder inside is null, empty or
 * {@code false}. A {@code true} value renders as nothing and keeps its segment: that is how a rule chooses between
 * wordings without writing them. The words live in {@code rules/catalog.yaml}; a rule passes only the values.
 */
public final class FindingTemplate {

    private sealed interface Part permits Text, Slot, Segment {
    }

    private record Text(String text) implements Part {
    }

    private record Slot(String name) implements Part {
    }

    private record Segment(List<Part> parts) implements Part {
    }

    private final String source;
    private final List<Part> parts;
    private final Set<String> placeholders;

    private FindingTemplate(String source, List<Part> parts, Set<String> placeholders) {
        this.source = source;
        this.parts = parts;
        this.placeholders = placeholders;
    }

    /** Parses a template; a bracket or brace that does not close, a nested segment or an empty name is an error. */
    public static FindingTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("empty template");
        }
        List<Part> top = new ArrayList<>();
        List<Part> segment = null;
        Set<String> names = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            List<Part> into = segment == null ? top : segment;
            switch (c) {
                case '{' -> {
                    int end = template.indexOf('}', i);
                    String name = end < 0 ? "" : template.substring(i + 1, end);
                    if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
                        throw new IllegalArgumentException("bad placeholder at " + i + " in: " + template);
                    }
                    flush(text, into);
                    into.add(new Slot(name));
                    names.add(name);
                    i = end;
                }
                case '[' -> {
                    if (segment != null) {
                        throw new IllegalArgumentException("nested [ at " + i + " in: " + template);
                    }
                    flush(text, top);
                    segment = new ArrayList<>();
                }
                case ']' -> {
                    if (segment == null) {
                        throw new IllegalArgumentException("] without [ at " + i + " in: " + template);
                    }
                    flush(text, segment);
                    if (segment.stream().noneMatch(Slot.class::isInstance)) {
                        throw new IllegalArgumentException("a [segment] without a placeholder at " + i + " in: " + template);
                    }
                    top.add(new Segment(List.copyOf(segment)));
                    segment = null;
                }
                case '}' -> throw new IllegalArgumentException("} without { at " + i + " in: " + template);
                default -> text.append(c);
            }
        }
        if (segment != null) {
            throw new IllegalArgumentException("[ not closed in: " + template);
        }
        flush(text, top);
        return new FindingTemplate(template, List.copyOf(top), Collections.unmodifiableSet(names));
    }

    private static void flush(StringBuilder text, List<Part> into) {
        if (!text.isEmpty()) {
            into.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    /** The placeholder names, in the order they first appear. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** The template as written in the catalogue. */
    public String source() {
        return source;
    }

    /**
     * Fills the template. Every placeholder must have an entry in {@code values} (its value may be null): a missing
     * one is a rule that does not match its catalogue entry, a programming error.
     */
    public String render(Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                out.append(t.text());
            } else if (p instanceof Slot s) {
                out.append(text(value(values, s.name())));
            } else if (p instanceof Segment seg
                    && seg.parts().stream().noneMatch(q -> q instanceof Slot s && absent(value(values, s.name())))) {
                seg.parts().forEach(q -> out.append(q instanceof Text t ? t.text() : text(value(values, ((Slot) q).name()))));
            }
        }
        return out.toString();
    }

    private Object value(Map<String, ?> values, String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no value for {" + name + "} in: " + source);
        }
        return values.get(name);
    }

    private static boolean absent(Object v) {
        return v == null || Boolean.FALSE.equals(v) || (v instanceof CharSequence cs && cs.isEmpty());
    }

    private static String text(Object v) {
        return v == null || v instanceof Boolean ? "" : String.valueOf(v);
    }
}
