/**
 * Askwise: decide, for a generative assistant, when to ask the user a clarifying question, which one, and what to
 * infer instead, with an explicit cost per question and an explicit inequality-aversion objective.
 *
 * <p>Sub-packages: {@link dev.askwise.model} (preference models), {@link dev.askwise.welfare} (utility, the welfare
 * family and inequality indices), {@link dev.askwise.analysis} (exact analyses of the stylized model of
 * "When to Ask a Question"), {@link dev.askwise.math} (log-space numerics).
 */
package dev.askwise;
