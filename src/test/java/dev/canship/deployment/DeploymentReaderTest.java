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
    void countriesAreIsoCodesAndTheRightCodeIsSuggested() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("country: de", "country: UK")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("deploy.yaml:4: organization.country: 'UK' is not an ISO 3166-1 alpha-2 country code; write GB for the United Kingdom");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("country: de", "country: EU")))
                .hasMessageStartingWith("deploy.yaml:4: organization.country: 'EU' is not").hasMessageContaining("name the member state");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("country: de", "country: XX")))
                .hasMessageStartingWith("deploy.yaml:4: organization.country: 'XX' is not").hasMessageContaining("e.g. US, DE, GB");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("regions: [US, EU]", "regions: [US, UK]")))
                .hasMessageStartingWith("deploy.yaml:15: product.regions: 'UK' is not").hasMessageContaining("write GB");
        assertThat(reader.parse(file, VALID.replace("regions: [US, EU]", "regions: [GB, EEA, GLOBAL]")).product().regions())
                .containsExactly("GB", "EEA", "GLOBAL");
    }

    @Test
    void aFractionalUserCountIsAnError() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("12000000", "1.5")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deploy.yaml:5: organization.monthly_active_users: expected a whole number in digits only");
    }

    @Test
    void aNumberWithALeadingZeroIsRefusedNotReadAsOctal() {
        // YAML 1.1 reads 01234567012 as octal 175,304,202: below the 700M threshold the real count is above.
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("monthly_active_users: 12000000", "monthly_active_users: 01234567012")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deploy.yaml:5: organization.monthly_active_users: '01234567012' is not a plain decimal number")
                .hasMessageContaining("without a leading zero");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("monthly_active_users: 12000000", "monthly_active_users: 0x2FAF080")))
                .hasMessageContaining("'0x2FAF080' is not a plain decimal number");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("monthly_active_users: 12000000",
                "monthly_active_users: 12000000\n  annual_revenue_usd: !!int \"0777000000\"")))
                .hasMessageContaining("annual_revenue_usd");
        assertThat(reader.parse(file, VALID.replace("monthly_active_users: 12000000", "monthly_active_users: 0"))
                .organization().monthlyActiveUsers()).as("a lone zero is a plain number").isZero();
        assertThat(reader.parse(file, VALID.replace("monthly_active_users: 12000000", "monthly_active_users: 12_000_000"))
                .organization().monthlyActiveUsers()).isEqualTo(12_000_000L);
    }

    @Test
    void aSecondYamlDocumentIsAnError() {
        assertThatThrownBy(() -> reader.parse(file, VALID + "---\ncanship: 1\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deploy.yaml:20: a second YAML document starts here; write one deployment per file");
        assertThat(reader.parse(file, "---\n" + VALID).organization().country()).isEqualTo("DE");
    }

    @Test
    void negativeCustomMemoryOrBandwidthIsAnError() {
        String custom = VALID.replace("accelerator: h100-sxm", "memory_gib: -80\n  bandwidth_gbps: 3350");
        assertThatThrownBy(() -> reader.parse(file, custom))
                .isInstanceOf(BadInputException.class)
                .hasMessage("deploy.yaml:17: hardware.memory_gib: must be a positive number of GiB, e.g. memory_gib: 80");
        assertThatThrownBy(() -> reader.parse(file, custom.replace("-80", "80").replace("3350", "-1")))
                .hasMessageStartingWith("deploy.yaml:18: hardware.bandwidth_gbps: must be a positive number");
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
                .hasMessageStartingWith("deploy.yaml:7: model.relase_name: unknown field; did you mean 'release_name'? (known here: ");
    }

    @Test
    void aWrongTypeIsNamedWithItsLine() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("12000000", "lots")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deploy.yaml:5: organization.monthly_active_users: expected a whole number in digits only");
    }

    @Test
    void anUnknownUseListsTheVocabulary() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("[customer_support]", "[customer_support, astrology]")))
                .hasMessageContaining("product.uses: unknown use 'astrology' ('canship uses' lists the ids: chatbot, customer_support, medical_diagnosis)");
    }

    @Test
    void aMistypedUseSuggestsTheIdMeant() {
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("[customer_support]", "[customer-support]")))
                .hasMessageContaining("product.uses: unknown use 'customer-support'; did you mean 'customer_support'? ('canship uses' lists the ids)");
        assertThatThrownBy(() -> reader.parse(file, VALID.replace("[customer_support]", "[chatbott]")))
                .hasMessageContaining("did you mean 'chatbot'?");
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
}
