package dev.canship.cli;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** An error inside canship (not an exception: out of memory, a JVM or bundle defect) is exit 3 in one line. */
class InternalErrorExitTest {

    /** Standard input that fails the way a JVM error would, in the middle of reading the deployment. */
    private static final InputStream FAILING = new InputStream() {
        @Override
        public int read() {
            throw new OutOfMemoryError("simulated: Java heap space");
        }
    };

    @Test
    void anErrorIsExit3InOneLineNotAStackTrace() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"check", CliTest.SCOUT, "-d", "-"}, FAILING, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).isEqualTo(3);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("canship: internal error: java.lang.OutOfMemoryError: simulated: Java heap space")
                .contains("--verbose"));
    }

    @Test
    void verboseAddsTheStackTrace() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"check", CliTest.SCOUT, "-d", "-", "--verbose"}, FAILING, new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("\tat ");
    }
}
