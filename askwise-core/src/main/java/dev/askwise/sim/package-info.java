/** Simulated users, runs of a policy against a population, and run manifests. */
package dev.askwise.sim;
