/**
 * Preference models: immutable populations that compute probabilities, posteriors and predictive distributions.
 * Sampling takes a generator as an argument; models never hold randomness.
 */
package dev.askwise.model;
