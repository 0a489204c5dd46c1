package dev.canship.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The man pages come from the model that parses the command line: every command has one, with its real options. */
class ManPagesTest {

    @Test
    void everyCommandHasAPageWithTheOptionsItTakes(@TempDir Path out) throws Exception {
        ManPages.main(new String[] {out.toString()});
        for (String page : new String[] {"canship", "canship-scan", "canship-check", "canship-fit", "canship-licenses", "canship-licenses-show",
                "canship-explain", "canship-init", "canship-uses", "canship-completion"}) {
            assertThat(out.resolve(page + ".adoc")).isRegularFile();
        }
        String check = Files.readString(out.resolve("canship-check.adoc"));
        assertThat(check).contains(":doctype: manpage").contains("= canship-check(1)")
                .contains("*--deployment*").contains("*--fail-on*").contains("*--baseline*");
        assertThat(Files.readString(out.resolve("canship-explain.adoc"))).contains("finding kind");
    }
}
