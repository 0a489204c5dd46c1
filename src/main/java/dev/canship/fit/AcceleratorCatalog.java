package dev.canship.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The accelerators known to the fit estimate, loaded from {@code dev/canship/fit/accelerators.yaml}. */
public final class AcceleratorCatalog {
    private static final String RESOURCE = "accelerators.yaml";

    private final List<Accelerator> accelerators;

    public AcceleratorCatalog(List<Accelerator> accelerators) {
        this.accelerators = List.copyOf(accelerators);
    }

    /** The catalogue bundled with canship. */
    public static AcceleratorCatalog bundled() {
        try (InputStream in = AcceleratorCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/canship/fit/" + RESOURCE);
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode root = yaml.readTree(in);
            List<Accelerator> list = new ArrayList<>();
            for (JsonNode n : root.path("accelerators")) {
                list.add(yaml.treeToValue(n, Accelerator.class));
            }
            return new AcceleratorCatalog(list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
        }
    }

    public List<Accelerator> all() {
        return accelerators;
    }

    public Optional<Accelerator> byId(String id) {
        return accelerators.stream().filter(a -> a.id().equalsIgnoreCase(id)).findFirst();
    }
}
