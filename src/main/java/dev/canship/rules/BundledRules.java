package dev.canship.rules;

import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules shipped in {@code rules/*.drl}, compiled to the Drools executable model when canship is built
 * ({@code dev.canship.build.DroolsModelCodegen}). Loading them builds a rule base from generated classes:
 * no DRL is parsed or compiled at run time, and Drools' class-path discovery (which misbehaves in a fat jar)
 * is never used.
 */
final class BundledRules {

    /** Written by the build step: one generated model class name per line. */
    static final String INDEX = "META-INF/canship/drools-models.txt";
    private static volatile KieBase base;

    private BundledRules() {
    }

    static KieBase kieBase() {
        KieBase b = base;
        if (b == null) {
            synchronized (BundledRules.class) {
                b = base;
                if (b == null) {
                    b = load();
                    base = b;
                }
            }
        }
        return b;
    }

    private static KieBase load() {
        ClassLoader cl = BundledRules.class.getClassLoader();
        List<Model> models = new ArrayList<>();
        try (InputStream in = cl.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is missing: the rules were not compiled by the build (run 'mvn package', not only 'mvn compile')");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty()) {
                    models.add((Model) Class.forName(line, true, cl).getDeclaredConstructor().newInstance());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the compiled rules: " + e, e);
        }
        return KieBaseBuilder.createKieBaseFromModel(models);
    }
}
