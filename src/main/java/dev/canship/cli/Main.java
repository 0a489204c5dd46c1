package dev.canship.cli;

import dev.canship.app.Canship;
import dev.canship.app.Trace;
import dev.canship.BadInputException;
import dev.canship.inventory.OneLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code canship} command: subcommands for scanning, checking and browsing licenses. */
@Command(name = "canship",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Can we ship this open-weight model? Identifies the license of a model repository and checks a deployment against its terms.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:nothing at or above --fail-on",
                "1:findings at or above --fail-on",
                "2:bad input or usage",
                "3:internal error"})
public final class Main implements Runnable {

    static {
        // Before picocli's classes initialize: it would look for Groovy on the class path and register converters
        // for java.sql and java.time types by reflection, 20 ms of every start for types no option of canship has.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors (for bug reports).")
    boolean verbose;

    /** Without a subcommand, canship lists them all (the usage help), rather than failing on the user's first try. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Trace.mark("main entered");
        String command = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (command.equals("check") || command.equals("scan") || command.equals("fit")) {
            // The loads depend on nothing the user typed: they overlap picocli's start on the second core.
            Canship.preload(command.equals("check"));
        }
        System.exit(run(args, StandardOutput.writer(), new PrintWriter(System.err, true)));
    }

    /** Runs canship with the given streams and returns its exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (Error e) {
            // picocli hands only exceptions to the execution handler: an error (out of memory, a JVM or bundle
            // defect) still ends in one line and exit 3, never a stack trace whose exit code reads as "findings".
            err.println("canship: internal error: " + OneLine.of(String.valueOf(e))
                    + (java.util.Arrays.asList(args).contains("--verbose") ? "" : " (run with --verbose for details, and please report it)"));
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL;
        }
    }

    /** Runs canship with {@code env} as its environment variables (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE; tests call this). */
    public static int run(String[] args, java.util.Map<String, String> env, PrintWriter out, PrintWriter err) {
        Environment.set(env);
        try {
            return run(args, out, err);
        } finally {
            Environment.set(null);
        }
    }

    /** Runs canship reading {@code in} as its standard input (answers to {@code init}, {@code --deployment -}). */
    public static int run(String[] args, java.io.InputStream in, PrintWriter out, PrintWriter err) {
        StandardInput.set(in);
        try {
            return run(args, out, err);
        } finally {
            StandardInput.set(null);
        }
    }

    /** The subcommands, in the order help lists them. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = new java.util.LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("scan", ScanCommand::new);
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("fit", FitCommand::new);
        SUBCOMMANDS.put("licenses", LicensesCommand::new);
        SUBCOMMANDS.put("explain", ExplainCommand::new);
        SUBCOMMANDS.put("init", InitCommand::new);
        SUBCOMMANDS.put("uses", UsesCommand::new);
        SUBCOMMANDS.put("completion", CompletionCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    /** Every command, modelled as the command line parses it: what generated documentation (man pages) is made from. */
    public static CommandLine.Model.CommandSpec model() {
        return commandLine(new String[0]).getCommandSpec();
    }

    /**
     * The command line for {@code args}. Only the subcommand the arguments name is modelled (picocli reflects
     * over every option of every command it is given, a noticeable part of a short run's start-up); without one,
     * or for help, all are.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        String first = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        boolean one = SUBCOMMANDS.containsKey(first) && !first.equals("help");
        SUBCOMMANDS.forEach((name, factory) -> {
            if (!one || name.equals(first)) {
                cl.addSubcommand(name, factory.get());
            }
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        LimitOptions.addHelpSections(cl);
        cl.setParameterExceptionHandler((ex, rest) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && ex.getCommandLine().getCommandSpec().parent() == null
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                // A mistyped command: picocli's "Unmatched arguments from index 0" does not say what went wrong.
                String typed = u.getUnmatched().get(0);
                err.println("canship: unknown command '" + typed + "'" + dev.canship.Suggest.didYouMean(typed, SUBCOMMANDS.keySet())
                        + " (commands: " + String.join(", ", SUBCOMMANDS.keySet()) + ")");
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            err.println("canship: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = parseResult.hasMatchedOption("--verbose");
            if (ex instanceof BadInputException) {
                // Paths in the message come from the user or the repository: kept to one line.
                err.println("canship: " + OneLine.of(ex.getMessage()));
                if (verbose) {
                    ex.printStackTrace(err);
                }
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            err.println("canship: internal error: " + OneLine.of(String.valueOf(ex)) + (verbose ? "" : " (run with --verbose for details, and please report it)"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            dev.canship.BuildInfo b = dev.canship.BuildInfo.current();
            return new String[] {"canship " + b.version(), "knowledge base " + b.knowledgeBase()
                    + " (licenses/ and rules/, " + b.rules().size() + " bundled rules)", "Java " + System.getProperty("java.version")};
        }
    }
}
