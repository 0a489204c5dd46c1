package dev.canship.rules;

import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.utils.KieHelper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The rules shipped in {@code rules/*.drl}. */
final class BundledRules {

    static final List<String> FILES = List.of("derive.drl", "identification.drl", "obligations.drl", "policy.drl", "llama.drl", "hardware.drl", "organization.drl");
    private static volatile KieBase base;

    private BundledRules() {
    }

    static KieBase kieBase() {
        KieBase b = base;
        if (b == null) {
            synchronized (BundledRules.class) {
                b = base;
                if (b == null) {
                    b = compile();
                    base = b;
                }
            }
        }
        return b;
    }

    private static KieBase compile() {
        KieHelper helper = new KieHelper();
        for (String f : FILES) {
            try (InputStream in = BundledRules.class.getClassLoader().getResourceAsStream("rules/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("rules/" + f + " is missing from the build");
                }
                helper.addResource(ResourceFactory.newByteArrayResource(in.readAllBytes()).setSourcePath(f), ResourceType.DRL);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var results = helper.verify();
        if (results.hasMessages(org.kie.api.builder.Message.Level.ERROR)) {
            throw new IllegalStateException("bundled rules do not compile: " + results.getMessages());
        }
        return helper.build();
    }
}
