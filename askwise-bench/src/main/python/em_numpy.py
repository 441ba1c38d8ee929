#!/usr/bin/env python3
"""One EM iteration of a latent-class model, vectorised with NumPy (the reference for EmIterationBenchmark).

The same shape as the Java benchmark: N users x A attributes x V values, K clusters (default 100,000 x 50 x 4,
K = 10), complete synthetic data from a random latent-class model. The iteration is what a researcher would write: a
one-hot design matrix X (N x A*V, float64), the E-step as one BLAS product X @ log(theta) plus log-weights, a
log-sum-exp per user, and the M-step as another product X.T @ R, then Dirichlet-smoothed normalisation. Prints the
median and each timed iteration in ms, and the process CPU time per iteration.

    python3 askwise-bench/src/main/python/em_numpy.py [N] [A] [V] [K] [iterations]
"""
import sys
import time

import numpy as np


def main():
    n, a, v, k, its = (int(x) for x in (sys.argv[1:] + ["100000", "50", "4", "10", "12"][len(sys.argv) - 1:]))
    rng = np.random.default_rng(3)
    weights = rng.dirichlet(np.ones(k))
    theta = rng.dirichlet(np.full(v, 1.0), size=(k, a)) * 0.97 + 0.03 / v          # k x a x v
    z = rng.choice(k, size=n, p=weights)
    u = rng.random((n, a, 1))
    values = (u > np.cumsum(theta[z], axis=2)).sum(axis=2).clip(0, v - 1)            # n x a
    x = np.zeros((n, a * v))
    x[np.arange(n)[:, None], np.arange(a)[None, :] * v + values] = 1.0               # one-hot design matrix
    alpha = 1.0
    # start: random responsibilities, then an M-step
    r = rng.dirichlet(np.ones(k), size=n)
    log_w, log_t = m_step(x, r, a, v, alpha)
    times, cpus = [], []
    for _ in range(its):
        t0, c0 = time.perf_counter(), time.process_time()
        ll, r = e_step(x, log_w, log_t)
        log_w, log_t = m_step(x, r, a, v, alpha)
        times.append(1000 * (time.perf_counter() - t0))
        cpus.append(1000 * (time.process_time() - c0))
    times, cpus = times[2:], cpus[2:]                                                 # the first two warm up
    print("numpy %s, N=%d A=%d V=%d K=%d: median %.1f ms per iteration (wall), %.1f ms CPU; iterations: %s; ll=%.3f"
          % (np.__version__, n, a, v, k, float(np.median(times)), float(np.median(cpus)),
             " ".join("%.1f" % t for t in times), ll))


def e_step(x, log_w, log_t):
    lj = x @ log_t + log_w                                                            # n x k
    m = lj.max(axis=1, keepdims=True)
    e = np.exp(lj - m)
    s = e.sum(axis=1, keepdims=True)
    return float((m + np.log(s)).sum()), e / s


def m_step(x, r, a, v, alpha):
    counts = (x.T @ r).reshape(a, v, -1) + alpha                                      # a x v x k
    theta = counts / counts.sum(axis=1, keepdims=True)
    w = r.sum(axis=0) + alpha
    return np.log(w / w.sum()), np.log(theta).reshape(a * v, -1)


if __name__ == "__main__":
    main()
