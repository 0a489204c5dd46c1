package dev.canship.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A first-time user finds the commands: {@code canship} alone lists them, and shells complete them. */
class DiscoverabilityTest {

    @Test
    void canshipAloneListsEverySubcommand() {
        CliTest.Run r = CliTest.run();
        assertThat(r.exit()).isZero();
        for (String sub : new String[] {"scan", "check", "fit", "licenses", "explain", "init", "uses", "completion", "help"}) {
            assertThat(r.out()).containsPattern("(?m)^\\s+" + sub + "\\b");
        }
        assertThat(r.err()).isEmpty();
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheSubcommandsAndTheirOptions() {
        CliTest.Run r = CliTest.run("completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F _complete_canship").contains("init").contains("uses")
                .contains("--deployment").contains("--country").contains("--fail-on");
    }
}
