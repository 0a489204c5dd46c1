package dev.canship.extract.weights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson set up for untrusted files: bounded nesting, string, number and document sizes, and duplicate keys
 * rejected (a header naming a tensor twice is malformed, not "last one wins").
 */
public final class BoundedJson {
    private BoundedJson() {
    }

    /** A JSON factory whose parsers refuse documents over {@code maxDocumentBytes} or nested over 64 levels. */
    public static JsonFactory factory(long maxDocumentBytes) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxNumberLength(100)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxDocumentBytes))
                        .maxDocumentLength(maxDocumentBytes)
                        .maxNameLength(64 * 1024)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * A JSON factory for a document with a million or more distinct keys (a safetensors header): the same bounds,
     * but field names are neither interned into a symbol table nor kept for duplicate detection, both of which
     * grow with every distinct name. The caller detects duplicates itself.
     */
    public static JsonFactory streamingFactory(long maxDocumentBytes) {
        return factory(maxDocumentBytes).rebuild()
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build();
    }

    /** An object mapper over {@link #factory(long)}. */
    public static ObjectMapper mapper(long maxDocumentBytes) {
        return JsonMapper.builder(factory(maxDocumentBytes)).build();
    }
}
