/** Numerics shared by the models and analyses: log-space sums, binomial probabilities, entropy. */
package dev.askwise.math;
