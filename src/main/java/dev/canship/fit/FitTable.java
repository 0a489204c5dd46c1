package dev.canship.fit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The fit of one model on every catalogue accelerator: on a single device, and on the smallest count that fits.
 *
 * @param precision           weight precision id
 * @param contextTokens       context per sequence
 * @param concurrentSequences sequences
 * @param rows                one row per accelerator, catalogue order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FitTable(String precision, long contextTokens, int concurrentSequences, List<Row> rows) {
    public FitTable {
        rows = List.copyOf(rows);
    }

    /**
     * @param accelerator the device
     * @param single      estimate on one device
     * @param atNeeded    estimate on {@code single.acceleratorsNeeded()} devices; null when no count fits
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(Accelerator accelerator, FitEstimate single, FitEstimate atNeeded) {
    }
}
