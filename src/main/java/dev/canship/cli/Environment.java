package dev.canship.cli;

import java.util.Map;

/**
 * The environment variables a run reads ({@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HUB_OFFLINE}): the process's
 * own, or the map a test passes to {@link Main#run(String[], Map, java.io.PrintWriter, java.io.PrintWriter)}. Per
 * thread, so that tests running in parallel do not see each other's.
 */
final class Environment {

    private static final ThreadLocal<Map<String, String>> ENV = new ThreadLocal<>();

    private Environment() {
    }

    static Map<String, String> get() {
        Map<String, String> env = ENV.get();
        return env == null ? System.getenv() : env;
    }

    static void set(Map<String, String> env) {
        if (env == null) {
            ENV.remove();
        } else {
            ENV.set(Map.copyOf(env));
        }
    }
}
