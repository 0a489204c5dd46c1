package dev.canship.deployment;

import dev.canship.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentReaderTest {

    private final DeploymentReader reader = new DeploymentReader(Set.of("customer_support", "chatbot", "medical_diagnosis"));
    private final Path file = Path.of("deploy.yaml");

    private static final String VALID = """
            canship: 1
            organization:
              name: Acme Robotics GmbH
              country: de
              monthly_active_users: 12000000
            model:
              release_name: Llama-Acme
              changes: fine-tune
              distribution: hosted
              modalities: [text, image]
            product:
              name: Acme Assistant
              attribution: [website, docs]
              uses: [customer_support]
              regions: [US, EU]
            hardware:
              accelerator: h100-sxm
              precision: int4
            """;

    @Test
    void readsASchemaVersion1Description() {
        Deployment d = reader.parse(file, VALID);
        assertThat(d.organization().country()).isEqualTo("DE");
        assertThat(d.organization().monthlyActiveUsers()).isEqualTo(12_000_000L);
        assertThat(d.model().changes()).isEqualTo(Change.FINE_TUNE);
        assertThat(d.model().distribution()).isEqualTo(Distribution.HOSTED);
        assertThat(d.product().attribution()).containsExactly(AttributionPlace.WEBSITE, AttributionPlace.DOCS);
        assertThat(d.product().commercial()).as("absent means commercial: the conservative reading").isTrue();
        assertThat(d.product().shipsNotice()).isFalse();
        assertThat(d.hardware().count()).isEqualTo(1);
        assertThat(d.lineOf("model.release_name")).isEqualTo(7);
    }

    @Test
    void readsJsonToo() {
        Deployment d = reader.parse(Path.of("d.json"), "{\"canship\":1,\"organization\":{\"country\":\"US\",\"monthly_active_users\":5},"
                + "\"model\":{\"distribution\":\"internal\"}}");
        assertThat(d.model().distribution()).isEqualTo(Distribution.INTERNAL);
        assertThat(d.model().changes()).isEqualTo(Change.NONE);
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("release_name", "relase_name")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deploy.yaml:7: model.relase_name: unknown field")
                .hasMessageContaining("release_name");
    }

    @Test
    void aWrongTypeIsNamedWithItsLine() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("12000000", "lots")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deploy.yaml:5: organization.monthly_active_users: wrong type");
    }

    @Test
    void anUnknownUseListsTheVocabulary() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("[customer_support]", "[customer_support, astrology]")))
                .hasMessageContaining("product.uses: unknown use 'astrology' (known: chatbot, customer_support, medical_diagnosis)");
    }

    @Test
    void missingAndInvalidValuesAreReported() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("canship: 1\n", ""))).hasMessageContaining("canship: required field is missing");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("canship: 1", "canship: 2"))).hasMessageContaining("schema version 2 is not supported");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("country: de", "country: Germany"))).hasMessageContaining("organization.country");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("distribution: hosted", "distribution: everywhere")))
                .hasMessageContaining("model.distribution: unknown value 'everywhere' (known: internal, hosted, weights)");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("[website, docs]", "[billboard]")))
                .hasMessageContaining("product.attribution: unknown value 'billboard'");
        assertThatThrownBy(() -> reader.parse(file, "canship: 1\norganization: {country: US\n")).hasMessageStartingWith("deploy.yaml:").hasMessageContaining("not valid YAML");
    }

    @Test
    void onlyThe27MemberStatesAreTheEu() {
        assertThat(DeploymentReader.isEuMemberState("DE")).isTrue();
        assertThat(DeploymentReader.isEuMemberState("ie")).isTrue();
        assertThat(DeploymentReader.isEuMemberState("NO")).isFalse();
        assertThat(DeploymentReader.isEuMemberState("CH")).isFalse();
        assertThat(DeploymentReader.isEuMemberState("IS")).isFalse();
        assertThat(DeploymentReader.isEuMemberState("LI")).isFalse();
        assertThat(DeploymentReader.isEuMemberState("GB")).isFalse();
    }
}
