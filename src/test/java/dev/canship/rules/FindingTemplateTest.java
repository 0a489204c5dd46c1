package dev.canship.rules;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FindingTemplateTest {

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void fillsPlaceholdersAndKeepsASegmentWhoseValuesArePresent() {
        FindingTemplate t = FindingTemplate.parse("at most {threshold}[ in {month}, before {date}].");
        assertThat(t.placeholders()).containsExactly("threshold", "month", "date");
        assertThat(t.render(values("threshold", "700 million", "month", "March 2025", "date", "2025-04-05")))
                .isEqualTo("at most 700 million in March 2025, before 2025-04-05.");
    }

    @Test
    void dropsASegmentWhenAValueInsideIsNullEmptyOrFalse() {
        FindingTemplate t = FindingTemplate.parse("at most {threshold}[ in {month}, before {date}].");
        assertThat(t.render(values("threshold", "700 million", "month", null, "date", null))).isEqualTo("at most 700 million.");
        assertThat(t.render(values("threshold", "7", "month", "", "date", "x"))).isEqualTo("at most 7.");
    }

    @Test
    void aBooleanChoosesBetweenWordings() {
        FindingTemplate t = FindingTemplate.parse("users[{declared} of the product][{undeclared} (the organization's count)] exceed");
        assertThat(t.render(values("declared", true, "undeclared", false))).isEqualTo("users of the product exceed");
        assertThat(t.render(values("declared", false, "undeclared", true))).isEqualTo("users (the organization's count) exceed");
    }

    @Test
    void aPlaceholderWithoutAValueIsAProgrammingError() {
        FindingTemplate t = FindingTemplate.parse("the phrase \"{phrase}\"");
        assertThatThrownBy(() -> t.render(values("prase", "Built with Llama")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{phrase}");
    }

    @Test
    void malformedTemplatesAreRefused() {
        for (String bad : new String[]{"a [b {c}", "a ] b", "a {b", "a {} b", "[a [{b}]]", "a [plain] b", "x }"}) {
            assertThatThrownBy(() -> FindingTemplate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
