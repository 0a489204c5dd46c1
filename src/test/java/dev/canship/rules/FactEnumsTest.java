package dev.canship.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.rules.facts.Duty;
import dev.canship.rules.facts.DutyTerm;
import dev.canship.rules.facts.RevenuePeriod;
import dev.canship.rules.facts.ScaleGateEffect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The closed sets of the knowledge base reach the rules as enums; a value the rules do not know is refused, not dropped. */
class FactEnumsTest {

    @Test
    void aDutyTheRulesDoNotKnowIsRefusedNotSilentlyUnchecked() throws Exception {
        var json = new ObjectMapper().readTree("{\"duties\": {\"acme-1.0\": {\"modification_notise\": \"§4\"}}}");
        assertThatThrownBy(() -> DutyCatalog.parse(json)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme-1.0").hasMessageContaining("modification_notise");
    }

    @Test
    void bundledDutiesBecomeEnumFacts() {
        assertThat(DutyCatalog.bundled().facts("gemma")).filteredOn(DutyTerm.class::isInstance).map(f -> ((DutyTerm) f).duty())
                .contains(Duty.LICENSE_COPY_HOSTED);
    }

    @Test
    void catalogueSpellingsMapToConstants() {
        assertThat(ScaleGateEffect.of("license-required")).isEqualTo(ScaleGateEffect.LICENSE_REQUIRED);
        assertThat(RevenuePeriod.of(null)).isEqualTo(RevenuePeriod.ANNUAL);
        assertThat(RevenuePeriod.of("monthly")).isEqualTo(RevenuePeriod.MONTHLY);
    }
}
