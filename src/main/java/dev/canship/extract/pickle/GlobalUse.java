package dev.canship.extract.pickle;

import java.util.List;

/**
 * One global a pickle names, and what the pickle does with it.
 *
 * @param module  the module as written in the pickle
 * @param name    the attribute name as written
 * @param ops     how it is named (GLOBAL, STACK_GLOBAL, INST) and used (REDUCE, BUILD, NEWOBJ, NEWOBJ_EX, OBJ), sorted
 * @param nested  true when it was found in a pickle nested inside another pickle's byte string
 * @param allowed whether the allowlist admits it
 * @param reason  for a name outside the allowlist, what it is known to do, or "not on the allowlist"; null when allowed
 */
public record GlobalUse(String module, String name, List<String> ops, boolean nested, boolean allowed, String reason) {

    public GlobalUse {
        ops = List.copyOf(ops);
    }

    /** {@code module.name}. */
    public String qualifiedName() {
        return module + "." + name;
    }
}
