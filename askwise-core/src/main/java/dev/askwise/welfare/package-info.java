/**
 * Utility with a per-question cost, the inequality-averse welfare family (γ ∈ [0, ∞]), the equally-distributed
 * equivalent and the Atkinson index.
 */
package dev.askwise.welfare;
