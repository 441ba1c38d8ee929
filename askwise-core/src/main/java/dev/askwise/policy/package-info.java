/**
 * Query policies behind a narrow interface ({@link dev.askwise.policy.QueryPolicy}), the welfare objective and
 * response of general models, and the registry {@link dev.askwise.policy.Policies} with its baselines.
 */
package dev.askwise.policy;
