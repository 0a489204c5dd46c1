package dev.canship.inventory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanLimitsTest {

    @Test
    void everyLimitHasANameAndItsDefault() {
        for (ScanLimits.Limit l : ScanLimits.Limit.values()) {
            assertThat(ScanLimits.DEFAULTS.get(l)).as(l.key()).isEqualTo(l.defaultValue());
            assertThat(ScanLimits.Limit.byKey(l.key())).contains(l);
            assertThat(l.key()).matches("[a-z]+(-[a-z]+)+");
        }
        assertThat(ScanLimits.DEFAULTS.maxTextBytes()).isEqualTo(4L << 20);
    }

    @Test
    void theOriginalEightBoundConstructorKeepsTheOtherDefaults() {
        ScanLimits l = new ScanLimits(3, 2, 4096, 4096, 4096, 10, 10, 1000);
        assertThat(l.maxFiles()).isEqualTo(3);
        assertThat(l.maxPickleOps()).isEqualTo(ScanLimits.DEFAULTS.maxPickleOps());
    }

    @Test
    void valuesParseWithSuffixesForSizesOnly() {
        assertThat(ScanLimits.parseValue(ScanLimits.Limit.MAX_PICKLE_BYTES, "256m")).isEqualTo(256L << 20);
        assertThat(ScanLimits.parseValue(ScanLimits.Limit.MAX_TEXT_BYTES, "64KiB")).isEqualTo(64L << 10);
        assertThat(ScanLimits.parseValue(ScanLimits.Limit.MAX_FILES, "50_000")).isEqualTo(50_000);
        assertThatThrownBy(() -> ScanLimits.parseValue(ScanLimits.Limit.MAX_FILES, "5k"))
                .hasMessage("scan limit max-files: '5k' is not a whole number");
        assertThatThrownBy(() -> ScanLimits.parseValue(ScanLimits.Limit.MAX_TEXT_BYTES, "99999999999999g"))
                .hasMessageContaining("too large");
    }

    @Test
    void withChangesOneBoundAndChecksItsRange() {
        ScanLimits l = ScanLimits.DEFAULTS.with(ScanLimits.Limit.MAX_ZIP_RATIO, 10);
        assertThat(l.maxZipRatio()).isEqualTo(10);
        assertThat(l.maxFiles()).isEqualTo(ScanLimits.DEFAULTS.maxFiles());
        assertThatThrownBy(() -> ScanLimits.DEFAULTS.with(ScanLimits.Limit.MAX_FILES, 0))
                .hasMessage("scan limit max-files must be at least 1, not 0");
        assertThatThrownBy(() -> ScanLimits.DEFAULTS.with(ScanLimits.Limit.MAX_FILES, 1L << 40))
                .hasMessageContaining("at most");
    }

    @Test
    void oneLineEscapesWhatCouldForgeOrHideLines() {
        assertThat(OneLine.of("LICENSE\nFAKE\r\t\u0007")).isEqualTo("LICENSE\\nFAKE\\r\\t\\x07");
        assertThat(OneLine.of("evil\u202egnp.bin\u2028")).isEqualTo("evil\\u202egnp.bin\\u2028");
        assertThat(OneLine.of("Llama-3.1 licence ü")).isEqualTo("Llama-3.1 licence ü");
        assertThat(new Diagnostic("a\nb", "x\ny").toString()).isEqualTo("a\\nb: x\\ny");
    }
}
