/** Baseline policies that bound every result: never ask, ask all, fixed order, random, oracle. */
package dev.askwise.policy.baseline;
