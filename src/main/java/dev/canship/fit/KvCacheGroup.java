package dev.canship.fit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The KV cache of one attention layer type.
 *
 * @param type                   {@code global}, {@code sliding}, {@code chunked}, {@code mla}, {@code linear}
 * @param layers                 layers of this type
 * @param window                 window or chunk size, null for global/MLA
 * @param tokensCached           tokens each of these layers keeps per sequence
 * @param bytesPerTokenPerLayer  cache bytes per token per layer
 * @param bytes                  total for this type, all sequences
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KvCacheGroup(String type, int layers, Long window, long tokensCached, long bytesPerTokenPerLayer,
                           long bytes) {
}
