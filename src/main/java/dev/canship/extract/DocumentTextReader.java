package dev.canship.extract;

import dev.canship.inventory.ScanLimits;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns the bytes of a license-like file into plain text. Plain text and Markdown are decoded directly;
 * HTML goes through Jsoup; PDF, DOCX and RTF go through Tika, which is loaded only when such a file appears
 * (it costs a noticeable part of a second to start) and is given a time and size budget.
 */
final class DocumentTextReader {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
            "tr", "pre", "blockquote", "section", "article", "ul", "ol", "table", "hr", "dt", "dd");

    private final ScanLimits limits;

    DocumentTextReader(ScanLimits limits) {
        this.limits = limits;
    }

    /** The text of a document, or throws {@link IOException} with a one-line reason (a budget of its own). */
    String text(String fileName, byte[] bytes) throws IOException {
        return text(fileName, bytes, new DocumentBudget(limits)).text();
    }

    /**
     * The text of a document within what is left of the repository's {@code budget}, or throws {@link IOException}
     * with a one-line reason ({@link NotRead} when the budget was spent before it).
     */
    Text text(String fileName, byte[] bytes, DocumentBudget budget) throws IOException {
        if (budget.charsLeft() == 0) {
            throw new NotRead("not read: " + budget.charsReason());
        }
        String ext = extension(fileName);
        if (ext.equals("html") || ext.equals("htm") || looksLikeHtml(bytes)) {
            return taken(htmlText(new String(bytes, StandardCharsets.UTF_8)), budget);
        }
        if (ext.equals("pdf") || ext.equals("docx") || ext.equals("rtf") || startsWith(bytes, "%PDF") || startsWith(bytes, "PK")) {
            return tikaText(bytes, budget);
        }
        return taken(new BoundedRead(bytes, false).utf8().text(), budget);
    }

    /**
     * A document's text and, when only its start was taken, which bound cut it.
     *
     * @param text the text taken
     * @param cut  null when the whole text was taken; else the bound that stopped it, e.g. {@code max-tika-chars=65536}
     */
    record Text(String text, String cut) {
    }

    /** A document not read at all because the repository's budget was spent; the message is the whole diagnostic. */
    static final class NotRead extends IOException {
        NotRead(String message) {
            super(message);
        }
    }

    /** {@code text} cut to what is left of the budget, which it then uses up. */
    private static Text taken(String text, DocumentBudget budget) {
        long left = budget.charsLeft();
        if (text.length() > left) {
            budget.take(left);
            return new Text(text.substring(0, (int) left), budget.charsReason());
        }
        budget.take(text.length());
        return new Text(text, null);
    }

    /** Block-aware HTML to text: every block element starts a new line, so paragraphs and list items stay apart. */
    static String htmlText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, noscript, template").remove();
        StringBuilder out = new StringBuilder();
        doc.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.getWholeText().replace('\n', ' '));
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    out.append('\n');
                }
            }
        });
        return out.toString().replaceAll("[ \\t\\u00A0]+", " ").replaceAll("\\n[ ]+", "\n").replaceAll("\\n{2,}", "\n").strip();
    }

    /**
     * Parses that timed out but whose thread is still running: Tika and PDFBox do not stop when interrupted. Past
     * {@link #MAX_ABANDONED} no further document is parsed in this process, so a batch of hostile PDFs cannot pile up
     * runaway threads.
     */
    private static final java.util.concurrent.atomic.AtomicInteger ABANDONED = new java.util.concurrent.atomic.AtomicInteger();
    static final int MAX_ABANDONED = 2;

    private Text tikaText(byte[] bytes, DocumentBudget budget) throws IOException {
        if (budget.timeSpent()) {
            throw new NotRead("not parsed: " + budget.timeReason());
        }
        if (ABANDONED.get() >= MAX_ABANDONED) {
            throw new IOException("not parsed: " + MAX_ABANDONED + " earlier documents' parses overran parse-millis and are still running");
        }
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        // Tika runs in a worker so a document that makes it work too hard can be abandoned.
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "canship-tika");
            t.setDaemon(true);
            return t;
        });
        try {
            // The repository's character budget bounds this parse too: what is left of it, if less than max-tika-chars.
            long left = budget.charsLeft();
            int maxChars = (int) Math.min(Math.min(limits.maxTikaChars(), left), Integer.MAX_VALUE - 16);
            Future<TikaHolder.Parsed> f = worker.submit(() -> {
                try {
                    return TikaHolder.parse(new ByteArrayInputStream(bytes), maxChars);
                } finally {
                    synchronized (done) {
                        done.set(true);
                        if (timedOut.get()) {
                            ABANDONED.decrementAndGet();
                        }
                    }
                }
            });
            TikaHolder.Parsed parsed = f.get(limits.parseMillis(), TimeUnit.MILLISECONDS);
            budget.take(parsed.text().length());
            String cut = !parsed.cut() ? null : maxChars < limits.maxTikaChars() ? budget.charsReason() : "max-tika-chars=" + limits.maxTikaChars();
            return new Text(parsed.text(), cut);
        } catch (TimeoutException e) {
            synchronized (done) {
                if (!done.get()) {
                    timedOut.set(true);
                    ABANDONED.incrementAndGet();
                }
            }
            throw new IOException("text extraction took longer than " + limits.parseMillis() + " ms; abandoned");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith("documents of type")) {
                throw io;
            }
            throw new IOException("text extraction failed: " + CardReader.firstLine(rootMessage(c == null ? e : c)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            worker.shutdownNow();
            // Every parse counts against the repository's time budget, an abandoned or failed one too.
            budget.spend(System.nanoTime() - started);
        }
    }

    /**
     * The innermost reason a parse failed, in the parser's words: Tika wraps it ("TIKA-198: Illegal IOException from
     * org.apache...OOXMLParser@2dc5706c"), and neither the wrapper nor a class name helps the reader.
     */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? "the document's structure is broken" : m;
    }

    private static boolean looksLikeHtml(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    private static boolean startsWith(byte[] bytes, String magic) {
        if (bytes.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (bytes[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Tika's parser, created once on first use. It knows exactly the formats canship reads through Tika (PDF, Word
     * 2007+ and RTF): the jar leaves out the libraries of the others, and a document of another type (a legacy .doc,
     * a spreadsheet inside a zip) is reported as not read instead of being parsed by whatever Tika finds.
     */
    private static final class TikaHolder {
        private static final org.apache.tika.parser.AutoDetectParser PARSER = new org.apache.tika.parser.AutoDetectParser(
                new org.apache.tika.parser.pdf.PDFParser(),
                new org.apache.tika.parser.microsoft.ooxml.OOXMLParser(),
                new org.apache.tika.parser.microsoft.rtf.RTFParser());

        /** The document types read: a spreadsheet or slide deck is never where a license lives, and POI's lite schemas do not cover them all. */
        private static final Set<String> READ = Set.of("application/pdf", "application/rtf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.ms-word.document.macroenabled.12",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.template");

        /** The text a parse gave, and whether it stopped at the character bound. */
        record Parsed(String text, boolean cut) {
        }

        static Parsed parse(java.io.InputStream in, int maxChars) throws Exception {
            var handler = new org.apache.tika.sax.BodyContentHandler(maxChars);
            var metadata = new org.apache.tika.metadata.Metadata();
            var context = new org.apache.tika.parser.ParseContext();
            java.io.InputStream buffered = in.markSupported() ? in : new java.io.BufferedInputStream(in);
            org.apache.tika.mime.MediaType type = PARSER.getDetector().detect(buffered, metadata);
            if (!READ.contains(type.getBaseType().toString())) {
                throw new java.io.IOException("documents of type " + type.getBaseType() + " are not read (PDF, DOCX, RTF, HTML and plain text are)");
            }
            boolean cut = false;
            try {
                PARSER.parse(buffered, handler, metadata, context);
            } catch (org.apache.tika.exception.WriteLimitReachedException e) {
                // The text up to the limit is still useful; the caller reports that it is only the start.
                cut = true;
            } catch (org.xml.sax.SAXException e) {
                if (!org.apache.tika.exception.WriteLimitReachedException.isWriteLimitReached(e)) {
                    throw e;
                }
                cut = true;
            }
            return new Parsed(handler.toString(), cut);
        }
    }
}
