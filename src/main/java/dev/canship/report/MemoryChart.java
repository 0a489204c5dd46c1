package dev.canship.report;

import org.jsoup.nodes.Element;

import java.util.List;
import java.util.Locale;

/**
 * The memory chart of the HTML report as inline SVG: one stacked bar (weights, KV cache, overhead) and a
 * vertical line where the declared accelerators' memory ends. Drawn with DOM elements, so nothing from the
 * repository can become markup, and sized by a viewBox so it scales with the page and prints sharply.
 */
final class MemoryChart {

    static final String WEIGHTS_COLOR = "#3b6fd8";
    static final String KV_COLOR = "#8c5cc7";
    static final String OVERHEAD_COLOR = "#9aa3b2";
    static final String LIMIT_COLOR = "#b3261e";

    private static final int WIDTH = 720;
    private static final int HEIGHT = 120;
    private static final int LEFT = 8;
    private static final int RIGHT = 8;
    private static final int BAR_Y = 40;
    private static final int BAR_H = 40;

    private MemoryChart() {
    }

    /** Appends the chart to {@code parent} and returns the svg element. */
    static Element draw(Element parent, MemoryBudget b) {
        long scaleMax = Math.max(1, Math.max(b.totalBytes(), b.availableBytes()));
        // Leave room right of the longest mark so the label of the line is not cut off.
        double span = WIDTH - LEFT - RIGHT;
        double perByte = span / (scaleMax * 1.08);
        Element svg = parent.appendElement("svg")
                .attr("xmlns", "http://www.w3.org/2000/svg")
                .attr("viewBox", "0 0 " + WIDTH + " " + HEIGHT)
                .attr("role", "img")
                .attr("class", "memory-chart")
                .attr("aria-label", "Memory needed " + MemoryBudget.gib(b.totalBytes()) + " against "
                        + MemoryBudget.gib(b.availableBytes()) + " available");
        svg.appendElement("title").text("Accelerator memory: needed against available");
        svg.appendElement("rect").attr("x", fmt(LEFT)).attr("y", fmt(BAR_Y)).attr("width", fmt(span)).attr("height", fmt(BAR_H))
                .attr("fill", "#eef1f6").attr("rx", "4");
        double x = LEFT;
        record Part(String cls, String color, long bytes, String label) {
        }
        for (Part p : List.of(new Part("weights", WEIGHTS_COLOR, b.weightsBytes(), "weights"),
                new Part("kv", KV_COLOR, b.kvCacheBytes(), "KV cache"),
                new Part("overhead", OVERHEAD_COLOR, b.overheadBytes(), "overhead"))) {
            double w = p.bytes() * perByte;
            if (w <= 0) {
                continue;
            }
            Element rect = svg.appendElement("rect").attr("class", "seg-" + p.cls()).attr("x", fmt(x)).attr("y", fmt(BAR_Y))
                    .attr("width", fmt(w)).attr("height", fmt(BAR_H)).attr("fill", p.color());
            rect.appendElement("title").text(p.label() + ": " + MemoryBudget.gib(p.bytes()));
            x += w;
        }
        text(svg, LEFT, BAR_Y - 12, "start", "needed: " + MemoryBudget.gib(b.totalBytes()), "#1d2330");
        if (b.availableBytes() > 0) {
            double lx = LEFT + b.availableBytes() * perByte;
            svg.appendElement("line").attr("class", "available").attr("x1", fmt(lx)).attr("x2", fmt(lx))
                    .attr("y1", fmt(BAR_Y - 8)).attr("y2", fmt(BAR_Y + BAR_H + 8))
                    .attr("stroke", LIMIT_COLOR).attr("stroke-width", "3");
            // Keep the label inside the drawing: anchor it to the line's left when the line is near the right edge.
            boolean nearRight = lx > WIDTH * 0.6;
            text(svg, nearRight ? lx - 6 : lx + 6, BAR_Y + BAR_H + 26, nearRight ? "end" : "start",
                    "available: " + MemoryBudget.gib(b.availableBytes()) + " (" + b.devices() + ")", LIMIT_COLOR);
        }
        return svg;
    }

    private static void text(Element svg, double x, double y, String anchor, String text, String color) {
        svg.appendElement("text").attr("x", fmt(x)).attr("y", fmt(y)).attr("text-anchor", anchor)
                .attr("font-size", "14").attr("fill", color).text(text);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
