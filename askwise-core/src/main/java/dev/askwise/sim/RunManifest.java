package dev.askwise.sim;

import java.util.Map;

/**
 * What is needed to reproduce a simulation run.
 *
 * @param policy     policy name
 * @param parameters cost, γ and other settings, as text
 * @param seed       the run's seed
 * @param dataHash   SHA-256 of the evaluated users' data
 * @param version    Askwise version
 */
public record RunManifest(String policy, Map<String, String> parameters, long seed, String dataHash, String version) {

    /** Askwise version written into manifests. */
    public static final String VERSION = "0.1.0";

    /** Copies the parameters. */
    public RunManifest {
        parameters = Map.copyOf(parameters);
    }
}
