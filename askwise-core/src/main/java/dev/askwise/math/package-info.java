/**
 * Numerics shared by the models and analyses: log-space sums, binomial probabilities, entropy; and the loading of the
 * SIMD kernels ({@link dev.askwise.math.VectorKernels}).
 */
package dev.askwise.math;
