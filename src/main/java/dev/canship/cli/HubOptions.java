package dev.canship.cli;

import dev.canship.source.hub.HubSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** How {@code hf:ORG/NAME} models are reached: the environment, and {@code --cache DIR} (a mixin of scan, check and fit). */
final class HubOptions {

    @Option(names = "--cache", paramLabel = "DIR",
            description = "For hf:ORG/NAME repositories: keep what is fetched from the Hub under DIR (by repository, commit and path) and reuse it, also with HF_HUB_OFFLINE=1. Without it nothing is written to disk.")
    Path cache;

    /** The Hub settings from the environment and --cache, made only when an hf: repository is read. */
    Supplier<HubSettings> hub() {
        Map<String, String> env = Environment.get();
        Path dir = cache;
        return () -> HubSettings.fromEnvironment(env, dir);
    }
}
