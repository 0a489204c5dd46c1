package dev.canship.identify;

import dev.canship.rules.facts.TerritorialTerm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Region membership is data (licenses/regions.yaml), read through the knowledge base. */
class RegionsTest {

    private final Regions regions = KnowledgeBase.bundled().regions();

    @Test
    void the27MemberStatesAndTheirSeparatelyCodedPartsAreTheEu() {
        assertThat(regions.members().get("EU")).hasSize(34);
        assertThat(regions.isMember("EU", "DE")).isTrue();
        assertThat(regions.isMember("EU", "ie")).isTrue();
        for (String notEu : List.of("NO", "CH", "IS", "LI", "GB")) {
            assertThat(regions.isMember("EU", notEu)).as(notEu).isFalse();
        }
        // A company in Reunion or the Aland Islands is in the EU although ISO gives the place its own code.
        for (String outermost : List.of("RE", "GP", "MQ", "GF", "YT", "MF", "AX")) {
            assertThat(regions.isMember("EU", outermost)).as(outermost).isTrue();
        }
        // Overseas countries and territories are not: French Polynesia, New Caledonia, Greenland, Aruba.
        for (String oct : List.of("PF", "NC", "GL", "AW")) {
            assertThat(regions.isMember("EU", oct)).as(oct).isFalse();
        }
    }

    @Test
    void theEeaIsTheEuPlusIcelandLiechtensteinAndNorway() {
        assertThat(regions.members().get("EEA")).containsAll(regions.members().get("EU")).contains("IS", "LI", "NO").hasSize(37);
    }

    @Test
    void aTerritorialTermExcludingTheEuReachesMemberStatesAndTheEeaButNotNeighbours() {
        TerritorialTerm hunyuan = new TerritorialTerm("tencent-hunyuan-community", List.of("EU", "GB", "KR"), dev.canship.rules.facts.TerritoryScope.ALL, "§1", regions);
        assertThat(hunyuan.firstExcluded(List.of("US", "NO", "FR"))).isEqualTo("FR");
        assertThat(hunyuan.excludesPlace("EEA")).isTrue();
        assertThat(hunyuan.excludesPlace("EU")).isTrue();
        assertThat(hunyuan.excludesPlace("gb")).isTrue();
        assertThat(hunyuan.excludesPlace("GLOBAL")).isTrue();
        assertThat(hunyuan.excludesPlace("CH")).isFalse();
        assertThat(hunyuan.excludesPlace("NO")).isFalse();
        assertThat(hunyuan.excludesPlace("US")).isFalse();
    }
}
