package dev.canship.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Bytes of tensor data in the checkpoint as shipped, when weight headers or the index say so.
 *
 * @param totalBytes        all tensor data (scales included)
 * @param routedExpertBytes bytes of routed experts (null when only the index total is known)
 * @param mtpBytes          bytes of multi-token-prediction layers inside {@code totalBytes}
 * @param from              {@code weights} (summed from headers) or {@code index} ({@code metadata.total_size})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointSize(long totalBytes, Long routedExpertBytes, long mtpBytes, String from) {
}
