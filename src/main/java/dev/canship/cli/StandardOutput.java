package dev.canship.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The process's standard output, able to tell a reader that went away ({@code canship uses | head}: the pipe is
 * closed on purpose) from a write that failed (a full disk). A print stream only says "an error happened"; the
 * first is not a failure and must not turn into an error message and exit 2, the second must.
 */
final class StandardOutput {

    private static volatile boolean readerGone;

    private StandardOutput() {
    }

    /** A writer on file descriptor 1, in the encoding {@code System.out} uses. */
    static PrintWriter writer() {
        String name = System.getProperty("sun.stdout.encoding");
        Charset charset = name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
        OutputStream watched = new FilterOutputStream(new FileOutputStream(FileDescriptor.out)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    noteClosedPipe(e);
                    throw e;
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    noteClosedPipe(e);
                    throw e;
                }
            }
        };
        return new PrintWriter(new OutputStreamWriter(watched, charset), true);
    }

    /** True once a write to standard output failed because its reader closed the pipe. */
    static boolean readerGone() {
        return readerGone;
    }

    private static void noteClosedPipe(IOException e) {
        // EPIPE: the only way the JDK tells it is its message.
        if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
            readerGone = true;
        }
    }
}
