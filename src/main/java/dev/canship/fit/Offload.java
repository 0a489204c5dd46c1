package dev.canship.fit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Where memory goes when routed experts are kept in host RAM.
 *
 * @param gpuBytes  on the accelerators: non-expert weights, KV cache, runtime overhead
 * @param hostBytes in host RAM: the routed experts
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Offload(long gpuBytes, long hostBytes) {
}
