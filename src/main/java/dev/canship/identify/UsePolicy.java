package dev.canship.identify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * An acceptable-use policy or a license's use restrictions ({@code licenses/policies/<id>.yaml}): its
 * sections, each mapped to the use-case vocabulary as prohibited or needing review.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsePolicy(String id, String title, List<String> appliesTo, List<Section> sections) {

    public UsePolicy {
        appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /**
     * @param settledBy a product commitment (a deployment field such as {@code discloses_machine_generated}) that, when
     *                  declared, settles this section's review uses; null when none does
     */
    public record Section(String section, String title, String summary, List<String> prohibits, List<String> review, String settledBy) {
        public Section(String section, String title, String summary, List<String> prohibits, List<String> review) {
            this(section, title, summary, prohibits, review, null);
        }

        public Section {
            prohibits = prohibits == null ? List.of() : List.copyOf(prohibits);
            review = review == null ? List.of() : List.copyOf(review);
        }
    }
}
