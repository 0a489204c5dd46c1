package dev.canship.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * BUILD-TIME ONLY tool (run by exec-maven-plugin in process-classes).
 * Args: rulesDir classesDir
 * Compiles every *.drl under rulesDir to the Drools executable model and writes the
 * generated, already compiled classes into classesDir plus an index of model classes.
 */
public final class DroolsModelCodegen {

    public static final String INDEX = "META-INF/canship/drools-models.txt";
    /** Files written by the previous run; deleted first so renamed/removed rules leave no stale classes. */
    static final String WRITTEN = "drools-codegen-files.txt";

    /**
     * The generated model is current when it is newer than every .drl file and every class the rules use
     * (the fact records and FindingSink): then the 10-20 s of code generation can be skipped.
     */
    static boolean upToDate(Path rulesDir, Path classesDir, Path written) throws IOException {
        Path index = classesDir.resolve(INDEX);
        if (!Files.exists(index) || !Files.exists(written)) {
            return false;
        }
        long generated = Files.getLastModifiedTime(index).toMillis();
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(rulesDir)) {
            s.filter(p -> p.toString().endsWith(".drl")).forEach(inputs::add);
        }
        Path rulesClasses = classesDir.resolve("dev/canship/rules");
        if (Files.isDirectory(rulesClasses)) {
            try (Stream<Path> s = Files.walk(rulesClasses)) {
                s.filter(p -> p.toString().endsWith(".class") && !p.startsWith(rulesClasses.resolve("bundled"))).forEach(inputs::add);
            }
        }
        for (Path p : inputs) {
            if (Files.getLastModifiedTime(p).toMillis() > generated) {
                return false;
            }
        }
        // The generated rule classes themselves must still be there (a partial clean removes them).
        for (String f : Files.readAllLines(written)) {
            if (!Files.exists(classesDir.resolve(f))) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        Path rulesDir = Path.of(args[0]);
        Path classesDir = Path.of(args[1]);

        Path written = classesDir.getParent().resolve(WRITTEN);  // target/drools-codegen-files.txt (not packaged)
        if (upToDate(rulesDir, classesDir, written)) {
            System.out.println("drools-codegen: rules unchanged, generated model up to date");
            return;
        }
        if (Files.exists(written)) {
            for (String f : Files.readAllLines(written)) Files.deleteIfExists(classesDir.resolve(f));
        }

        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("dev.canship", "canship-bundled-rules", "1.0.0");
        kfs.generateAndWritePomXML(rid);
        // no kmodule.xml: default KieBase containing all packages

        List<Path> drls;
        try (Stream<Path> s = Files.walk(rulesDir)) {
            drls = s.filter(p -> p.toString().endsWith(".drl")).sorted().collect(Collectors.toList());
        }
        if (drls.isEmpty()) throw new IllegalStateException("no .drl under " + rulesDir);
        Pattern pkgDecl = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);
        for (Path p : drls) {
            String drl = Files.readString(p, StandardCharsets.UTF_8);
            Matcher m = pkgDecl.matcher(drl);
            // place the file in the folder matching its DRL package (avoids a KieBuilder warning)
            String folder = m.find() ? m.group(1).replace('.', '/') + "/" : "";
            kfs.write("src/main/resources/" + folder + rulesDir.relativize(p).toString().replace('/', '_').replace('\\', '_'), drl);
        }

        KieBuilder kb = ks.newKieBuilder(kfs, DroolsModelCodegen.class.getClassLoader())
                          .buildAll(ExecutableModelProject.class);
        List<Message> errors = kb.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            errors.forEach(m -> System.err.println("DRL ERROR: " + m));
            throw new IllegalStateException(errors.size() + " DRL error(s) in " + rulesDir);
        }

        InternalKieModule km = (InternalKieModule) kb.getKieModule();
        // Model class names (one per DRL package), e.g. dev.canship.rules.bundled.Rules4C91...
        String modelList = new String(km.getBytes(CanonicalKieModule.getModelFileWithGAV(rid)), StandardCharsets.UTF_8);
        Path index = classesDir.resolve(INDEX);
        Files.createDirectories(index.getParent());
        // the Drools file starts with a "Drools-Model-Version:x.y.z" line; keep only class names
        List<String> modelClasses = modelList.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith(CanonicalKieModule.MODEL_VERSION))
                .collect(Collectors.toList());
        Files.write(index, modelClasses, StandardCharsets.UTF_8);
        System.out.println("drools-codegen: models = " + modelClasses);

        List<String> writtenFiles = new ArrayList<>();
        int classes = 0;
        for (String f : km.getFileNames()) {
            // skip org/drools/project/model/ProjectModel_* (only used by KieContainer discovery)
            if (f.endsWith(".class") && !f.startsWith("org/drools/project/model/")) {
                Path out = classesDir.resolve(f);
                Files.createDirectories(out.getParent());
                Files.write(out, km.getBytes(f));
                writtenFiles.add(f);
                classes++;
            }
        }
        Files.write(written, writtenFiles, StandardCharsets.UTF_8);
        System.out.println("drools-codegen: " + drls.size() + " DRL file(s) -> " + classes + " classes in " + classesDir
                + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    }
}
