#!/usr/bin/env python3
"""NumPy reference for the MLP MALA step (same model, sizes and arithmetic as core's MlpModel + MalaSampler):
f(x) = v . tanh(W x / sqrt(n)), E = 1/2 sum (y - f)^2 over D = 256 examples, U = E/T + |theta|^2 / (2 sigma^2),
one step = proposal theta' = theta - h grad U + sqrt(2h) xi, U and grad U at theta', Metropolis-Hastings test with
the asymmetric proposal densities. Single-threaded BLAS (OPENBLAS_NUM_THREADS etc. set to 1 before numpy loads).
Prints one line per width: width, microseconds per step (median of 5 repeats); then "dgemm GFLOP/s", single-thread
dgemm n = 1024 through NumPy's OpenBLAS (the machine limit the MLP step is measured against)."""
import os
for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[k] = "1"
import sys
import time
import numpy as np

n, d_size, temp, sigma, h = 32, 256, 1.0, 1.0, 1e-4
rng = np.random.default_rng(1)


def energy_grad(w, v, x, y):
    pre = x @ w.T / np.sqrt(n)           # D x N
    act = np.tanh(pre)
    f = act @ v                           # D
    r = f - y
    e = 0.5 * r @ r
    gv = act.T @ r                        # N
    back = (r[:, None] * v[None, :]) * (1 - act * act) / np.sqrt(n)   # D x N
    gw = back.T @ x                       # N x n
    return e, gw, gv


def u_and_grad(theta, width, x, y):
    w = theta[: width * n].reshape(width, n)
    v = theta[width * n:]
    e, gw, gv = energy_grad(w, v, x, y)
    g = np.concatenate([gw.ravel(), gv]) / temp + theta / sigma ** 2
    return e / temp + 0.5 * theta @ theta / sigma ** 2, g


def main():
    widths = [int(a) for a in sys.argv[1:]] or [16, 64, 256, 1024]
    x = rng.standard_normal((d_size, n))
    y = rng.standard_normal(d_size)
    for width in widths:
        theta = 0.3 * rng.standard_normal(width * (n + 1))
        u, g = u_and_grad(theta, width, x, y)
        steps = max(20, int(2e6 / (width * n * d_size) * 50))
        times = []
        for rep in range(5):
            t0 = time.perf_counter()
            for _ in range(steps):
                xi = rng.standard_normal(theta.size)
                prop = theta - h * g + np.sqrt(2 * h) * xi
                u2, g2 = u_and_grad(prop, width, x, y)
                fwd = prop - theta + h * g
                bwd = theta - prop + h * g2
                log_a = -(u2 - u) - (bwd @ bwd - fwd @ fwd) / (4 * h)
                if np.log(rng.random()) < log_a:
                    theta, u, g = prop, u2, g2
            times.append((time.perf_counter() - t0) / steps * 1e6)
        times.sort()
        print(f"{width} {times[2]:.3f}")
    # The machine limit as NumPy's own OpenBLAS sees it: single-thread dgemm n = 1024, best of 7, in GFLOP/s.
    a = rng.standard_normal((1024, 1024))
    b = rng.standard_normal((1024, 1024))
    a @ b
    best = min(_timed(lambda: a @ b) for _ in range(7))
    print(f"dgemm {2 * 1024 ** 3 / best / 1e9:.1f}")


def _timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
