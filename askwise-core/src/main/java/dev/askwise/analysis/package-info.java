/**
 * Exact analyses of the stylized two-cluster model of seed 000: optimal responses and numbers of questions for any
 * inequality aversion γ and question cost c, output entropy, cluster utilities, the optimal adaptive policy, and the
 * (p, ε) landscape of k*.
 */
package dev.askwise.analysis;
