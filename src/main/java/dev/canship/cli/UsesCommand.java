package dev.canship.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.UsePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code canship uses}: the use ids a deployment may declare ({@code product.uses}), what each means, and which
 * sections of which use policies prohibit it or ask for a review, so a reviewer can choose uses without reading YAML.
 */
@Command(name = "uses", mixinStandardHelpOptions = true,
        description = "List the use ids a deployment's product.uses may name, with their descriptions and the use-policy sections "
                + "(license, policy, section) that prohibit them or ask for review.")
final class UsesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** A policy section that names a use. */
    record Mention(List<String> licenses, String policy, String section, String title, String effect) {
    }

    /** Every use id with the sections that name it, in id order, then policy and section order. */
    static Map<String, List<Mention>> mentions(KnowledgeBase kb) {
        Map<String, List<Mention>> m = new TreeMap<>();
        kb.uses().keySet().forEach(id -> m.put(id, new ArrayList<>()));
        for (UsePolicy p : kb.policies().values()) {
            for (UsePolicy.Section s : p.sections()) {
                s.prohibits().forEach(u -> m.computeIfAbsent(u, k -> new ArrayList<>()).add(new Mention(p.appliesTo(), p.id(), s.section(), s.title(), "prohibits")));
                s.review().forEach(u -> m.computeIfAbsent(u, k -> new ArrayList<>()).add(new Mention(p.appliesTo(), p.id(), s.section(), s.title(), "review")));
            }
        }
        // Prohibitions first: they decide a verdict; reviews only ask for a look.
        m.values().forEach(l -> l.sort(java.util.Comparator.comparing(Mention::effect)));
        return m;
    }

    @Override
    public Integer call() throws Exception {
        output.textOrJson(spec.commandLine());
        KnowledgeBase kb = KnowledgeBase.bundled();
        Map<String, List<Mention>> mentions = mentions(kb);
        if (output.json()) {
            ArrayNode arr = LicensesCommand.json().createArrayNode();
            mentions.forEach((id, list) -> {
                ObjectNode o = arr.addObject().put("id", id).put("description", kb.uses().get(id));
                ArrayNode ps = o.putArray("policy_sections");
                for (Mention x : list) {
                    ObjectNode n = ps.addObject();
                    x.licenses().forEach(n.putArray("licenses")::add);
                    n.put("policy", x.policy()).put("section", x.section()).put("title", x.title()).put("effect", x.effect());
                }
            });
            output.emit(LicensesCommand.json().writeValueAsString(arr) + "\n", spec.commandLine().getOut());
            return ExitCodes.CLEAN;
        }
        StringBuilder sb = new StringBuilder();
        mentions.forEach((id, list) -> {
            sb.append(id).append('\n').append(LicensesCommand.wrap(kb.uses().getOrDefault(id, "(not in the vocabulary)"), "    ")).append('\n');
            long prohibited = list.stream().filter(x -> x.effect().equals("prohibits")).count();
            if (list.isEmpty()) {
                sb.append("    no use policy names it\n");
            } else {
                sb.append(String.format(Locale.ROOT, "    prohibited by %d section(s), review in %d:%n", prohibited, list.size() - prohibited));
            }
            for (Mention x : list) {
                sb.append(String.format(Locale.ROOT, "      %-9s %s, %s %s (%s)%n", x.effect(), String.join("/", x.licenses()), x.policy(), x.section(), x.title()));
            }
        });
        sb.append('\n').append(kb.uses().size()).append(" uses. Name them in a deployment's product.uses, or answer them in 'canship init'.\n");
        output.emit(sb.toString(), spec.commandLine().getOut());
        return ExitCodes.CLEAN;
    }
}
