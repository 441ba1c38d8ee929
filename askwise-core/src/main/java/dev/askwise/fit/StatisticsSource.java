package dev.askwise.fit;

/**
 * Where EM's passes over the users run: in this JVM over chunks on all cores ({@link LatentClassFitter#fit(
 * dev.askwise.data.CodedRows, FitOptions, boolean, FitListener)}), or on a cluster (askwise-spark). Either way a
 * source returns the merged {@link SufficientStatistics} of all its users, and {@link LatentClassFitter} runs the same
 * restarts, M-steps, convergence test and model choice on them.
 */
public interface StatisticsSource {

    /** Statistics of EM's random start for a restart (see {@link SufficientStatistics#accumulateRandomStart}). */
    SufficientStatistics start(RestartSeed seed, int clusters);

    /** Statistics of one fused E/M pass under the parameters. */
    SufficientStatistics pass(EmParameters parameters);
}
